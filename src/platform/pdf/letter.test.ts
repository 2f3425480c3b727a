import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { inspectPdf } from '../../../test/support/pdf.ts';
import { fontDirsFromEnv, resolveFonts } from './fonts.ts';
import { type LetterInput, renderLetter } from './letter.ts';

const run = promisify(execFile);
const installed = (tool: string) => !spawnSync(tool, ['-v']).error;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-letter-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const letter = (name: string, nationality: string, passport: string): LetterInput => ({
  letterhead: [
    'International Telecommunication Union',
    'Telecommunication Standardization Bureau',
    'Place des Nations, CH-1211 Geneva 20, Switzerland',
  ],
  place: 'Geneva',
  date: '20 April 2023',
  reference: 'TSB/VISA/2023/0042',
  addressee: ['Embassy of Switzerland', 'Beijing', 'China'],
  subject: `Visa support for ${name}`,
  paragraphs: [
    `The Telecommunication Standardization Bureau presents its compliments and has the honour to confirm that ${name} is registered for the meeting of the ITU-T Focus Group on metaverse, Geneva, 9-12 May 2023.`,
    'This letter does not imply any financial commitment by ITU.',
  ],
  participant: [
    { label: 'Name', value: name },
    { label: 'Nationality', value: nationality },
    { label: 'Passport number', value: passport },
  ],
  closing: ['Yours faithfully,', '', 'For the Director, TSB'],
});

describe('renderLetter', () => {
  it.each([
    {
      id: 'cjk',
      name: '王蕴韬 (Wang Yuntao)',
      nationality: 'China',
      passport: 'EA1234567',
      visible: ['王蕴韬', 'Wang Yuntao'],
      fonts: ['NotoSansHans-Regular'],
    },
    { id: 'latin', name: 'Zoë Ångström-Núñez', nationality: 'Sweden', passport: 'SE9876543', visible: ['Zoë Ångström-Núñez'], fonts: [] },
    // Text extraction gives Arabic in visual order: its letters are checked, not its words.
    { id: 'arabic', name: 'محمد عبد', nationality: 'Egypt', passport: 'A12345678', visible: [], fonts: ['NotoNaskhArabic'] },
  ])(
    'prints a $id name, tagged, titled, in English, with its fonts embedded',
    async ({ id, name, nationality, passport, visible, fonts }) => {
      const input = letter(name, nationality, passport);
      const pdf = await renderLetter(input);
      const file = path.join(tmp, `${id}.pdf`);
      fs.writeFileSync(file, pdf);

      const facts = await inspectPdf(pdf);
      expect(facts).toMatchObject({
        title: input.subject,
        author: 'International Telecommunication Union',
        lang: 'en-GB',
        tagged: true,
        pages: 1,
      });
      const names = facts.fonts.map((f) => f.name);
      for (const font of ['NotoSans-Regular', 'NotoSans-Bold', ...fonts]) expect(names, font).toContain(font);
      expect(facts.fonts.filter((f) => !f.embedded)).toEqual([]);
      const text = facts.text.join('\n');
      for (const s of [...visible, 'TSB/VISA/2023/0042', 'Visa support for', passport, nationality, 'Yours faithfully,'])
        expect(text).toContain(s);
      if (id === 'arabic') for (const letter of 'محمدعب') expect(text).toContain(letter);

      if (installed('pdftotext')) {
        const { stdout } = await run('pdftotext', ['-layout', file, '-']);
        for (const s of [...visible, 'TSB/VISA/2023/0042', passport, 'Yours faithfully,']) expect(stdout).toContain(s);
        // Reading order: letterhead, reference, addressee, subject, table, closing.
        const order = [
          'International Telecommunication Union',
          'TSB/VISA/2023/0042',
          'Embassy of Switzerland',
          'Visa support for',
          'Passport number',
          'Yours faithfully,',
        ];
        const at = order.map((s) => stdout.indexOf(s));
        expect(at).toEqual([...at].sort((a, b) => a - b));
      }
    },
  );

  it('prints text typed by users literally: markup, code and escapes are not Typst', async () => {
    const hostile = '#read("/etc/passwd") ] * $x$ _y_ #let a = 1 \\ `z` <l> @r // c /* d';
    const input = letter(hostile, ']#panic("no")[', 'A1 *bold* $');
    const facts = await inspectPdf(await renderLetter(input));
    expect(facts.title).toBe(input.subject);
    const text = facts.text.join('\n');
    expect(text).toContain('#read("/etc/passwd") ] * $x$ _y_ #let a = 1 \\ `z` <l> @r // c /* d');
    expect(text).toContain(']#panic("no")[');
    expect(text).toContain('A1 *bold* $');
    expect(text).not.toContain('root:');
  });

  it('renders two letters at once, each with its own data', async () => {
    const [a, b] = await Promise.all([
      renderLetter(letter('Anna Alpha', 'Austria', 'AT1')),
      renderLetter(letter('Bruno Beta', 'Brazil', 'BR2')),
    ]);
    const [ta, tb] = [(await inspectPdf(a!)).text.join(' '), (await inspectPdf(b!)).text.join(' ')];
    expect(ta).toContain('Anna Alpha');
    expect(ta).not.toContain('Bruno Beta');
    expect(tb).toContain('Bruno Beta');
    expect(tb).not.toContain('Anna Alpha');
  });
});

describe('resolveFonts', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('finds every font in the npm packages, none in /usr/share/fonts', () => {
    const fonts = resolveFonts([]);
    expect(fonts.files).toHaveLength(6);
    for (const file of fonts.files) {
      expect(file).toContain(`${path.sep}node_modules${path.sep}@embedpdf${path.sep}`);
      expect(fs.existsSync(file)).toBe(true);
    }
  });

  it('names the missing font and where it was looked for', () => {
    const nowhere = path.join(tmp, 'nowhere');
    expect(() => resolveFonts([nowhere], false)).toThrow(
      /Font Noto Sans Regular \(NotoSans-Regular\.ttf\) not found in FONT_DIRS folder .*nowhere.*npm ci.*FONT_DIRS/,
    );
  });

  it('takes a font from FONT_DIRS before the package, and caches', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'fonts-'));
    const packaged = resolveFonts([]);
    const arabic = packaged.files.find((f) => f.endsWith('NotoNaskhArabic-Regular.ttf'))!;
    fs.copyFileSync(arabic, path.join(dir, 'NotoNaskhArabic-Regular.ttf'));
    vi.stubEnv('FONT_DIRS', `${dir}:/nonexistent`);

    expect(fontDirsFromEnv()).toEqual([dir, '/nonexistent']);
    const fonts = resolveFonts();
    expect(fonts.files).toContain(path.join(dir, 'NotoNaskhArabic-Regular.ttf'));
    expect(fonts.files).not.toContain(arabic);
    expect(fonts.files.filter((f) => f.startsWith(dir))).toHaveLength(1);
    expect(fonts.dirs).toEqual([dir]);
    expect(resolveFonts()).toBe(fonts);
  });
});
