import { afterAll, describe, expect, it } from 'vitest';
import { inspectPdf } from '../../../test/support/pdf.ts';
import { TryAgainError } from '../errors.ts';
import { closeTypst, MAX_WAITING_DOCUMENTS, renderTypst } from './typst.ts';

const template = (body: string) =>
  `#import "/base.typ": *\n#let data = json(bytes(sys.inputs.data))\n#show: setup.with(title: "t")\n${body}`;
const textOf = async (pdf: Buffer) => (await inspectPdf(pdf)).text.join('\n');

describe('renderTypst', () => {
  afterAll(() => closeTypst());

  it('passes data as JSON: strings print as text, numbers and lists stay data', async () => {
    const { pdf, pages } = await renderTypst(template('#data.name (#(data.n + 1)) #data.items.join(", ")'), {
      name: '*not bold* #emph[x] $a$',
      n: 41,
      items: ['a', 'b'],
    });
    expect(pages).toBe(1);
    expect(await textOf(pdf)).toContain('*not bold* #emph[x] $a$ (42) a, b');
  });

  it('refuses a broken template with Typst’s message, and renders the next document', async () => {
    await expect(renderTypst(template('#let x = ('), {})).rejects.toThrow(/^Typst: .+/);
    await expect(renderTypst(template('#data.missing'), {})).rejects.toThrow(/Typst: .*missing/);
    expect(await textOf((await renderTypst(template('#data.ok'), { ok: 'still here' })).pdf)).toContain('still here');
  });

  it('gives templates no file outside the shared templates’ folder', async () => {
    await expect(renderTypst(template('#read("/etc/passwd")'), {})).rejects.toThrow(/not found/);
    await expect(renderTypst(template('#read("../../../../../../../etc/passwd")'), {})).rejects.toThrow(/Typst: /);
    expect(await textOf((await renderTypst(template('#read("/base.typ").len()'), {})).pdf)).toMatch(/\d{3,}/);
  });

  it('fails the renders in progress when the worker ends, and starts a new one for the next', async () => {
    const pending = renderTypst(template('#for i in range(300) [#i ]'), {});
    await closeTypst();
    await expect(pending).rejects.toThrow(/Typst worker ended/);
    expect(await textOf((await renderTypst(template('#data.v'), { v: 'again' })).pdf)).toContain('again');
  });

  it('keeps a new thread’s documents when an old thread ends after it started', async () => {
    const old = renderTypst(template('#for i in range(5000) [#i ]'), {});
    const closing = closeTypst();
    const fresh = renderTypst(template('#data.v'), { v: 'fresh' });
    await closing;
    await expect(old).rejects.toThrow(/Typst worker ended/);
    expect(await textOf((await fresh).pdf)).toContain('fresh');
  });

  it('renders many documents at once, each with its own data', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => renderTypst(template('Document #data.i'), { i: String(i) })));
    const texts = await Promise.all(results.map((r) => textOf(r.pdf)));
    expect(texts.map((t) => t.trim())).toEqual(texts.map((_, i) => `Document ${i}`));
  });

  it('refuses documents beyond the waiting bound with a try-again error, and renders those it took', async () => {
    const taken = Array.from({ length: MAX_WAITING_DOCUMENTS }, (_, i) => renderTypst(template('#data.i'), { i: String(i) }));
    await expect(renderTypst(template('#data.i'), { i: 'one too many' })).rejects.toBeInstanceOf(TryAgainError);
    const texts = await Promise.all((await Promise.all(taken)).map((r) => textOf(r.pdf)));
    expect(texts.map((t) => t.trim())).toEqual(texts.map((_, i) => String(i)));
    expect(await textOf((await renderTypst(template('#data.v'), { v: 'after' })).pdf)).toContain('after');
  });
});
