import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { defaultFontDirs, resolveFonts } from './fonts.ts';
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

/** Font name (without subset prefix) → whether pdffonts reports it embedded. */
async function embeddedFonts(file: string): Promise<Map<string, boolean>> {
  const { stdout } = await run('pdffonts', [file]);
  const fonts = new Map<string, boolean>();
  for (const line of stdout.split('\n').slice(2)) {
    const cols = line.trim().split(/\s+/);
    // The type column contains spaces, so count from the right: emb sub uni object-number generation.
    if (cols.length >= 6) fonts.set(cols[0]!.replace(/^[A-Z]{6}\+/, ''), cols.at(-5) === 'yes');
  }
  return fonts;
}

describe.skipIf(!installed('pdftotext'))('renderLetter', () => {
  it.each([
    { id: 'cjk', name: '王蕴韬 (Wang Yuntao)', nationality: 'China', passport: 'EA1234567', visible: ['王蕴韬', 'Wang Yuntao'], fonts: ['NotoSansCJKsc-Regular', 'NotoSansCJKsc-Bold'] },
    { id: 'latin', name: 'Zoë Ångström-Núñez', nationality: 'Sweden', passport: 'SE9876543', visible: ['Zoë Ångström-Núñez'], fonts: [] },
    // pdftotext scrambles Arabic, so its text is only checked on the rendered page (below).
    { id: 'arabic', name: 'محمد عبد الله', nationality: 'Egypt', passport: 'A12345678', visible: [], fonts: ['NotoSansArabic-Regular'] },
  ])('prints a $id name with its fonts embedded', async ({ id, name, nationality, passport, visible, fonts }) => {
    const input = letter(name, nationality, passport);
    const file = path.join(tmp, `${id}.pdf`);
    fs.writeFileSync(file, await renderLetter(input));

    const { stdout: text } = await run('pdftotext', ['-layout', file, '-']);
    for (const s of [...visible, 'TSB/VISA/2023/0042', 'Visa support for', passport, nationality, 'Yours faithfully,']) {
      expect(text).toContain(s);
    }

    if (installed('pdfinfo')) {
      const { stdout: info } = await run('pdfinfo', [file]);
      expect(info.match(/^Title:\s+(.*)$/m)?.[1]).toBe(input.subject);
    }

    if (installed('pdffonts')) {
      const embedded = await embeddedFonts(file);
      for (const font of ['NotoSans-Regular', 'NotoSans-Bold', ...fonts]) expect(embedded.get(font), font).toBe(true);
      expect([...embedded].filter(([, emb]) => !emb)).toEqual([]);
    }

    if (id === 'arabic' && installed('pdftoppm')) {
      const dir = fs.mkdtempSync(path.join(tmp, 'png-'));
      await run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, path.join(dir, 'page')]);
      const pngs = fs.readdirSync(dir).filter((f) => f.endsWith('.png'));
      expect(pngs).toHaveLength(1);
      expect(fs.statSync(path.join(dir, pngs[0]!)).size).toBeGreaterThan(5_000);
    }
  });
});

describe('resolveFonts', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('names the missing font and how to install it', () => {
    expect(() => resolveFonts([path.join(tmp, 'nowhere')])).toThrow(
      /Noto Sans Regular.*apt-get install fonts-noto-core fonts-noto-cjk.*FONT_DIRS/,
    );
  });

  it('searches FONT_DIRS before the Debian directories, and caches', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'fonts-'));
    const debian = resolveFonts();
    fs.symlinkSync(debian.arabic.path, path.join(dir, 'NotoSansArabic-Regular.ttf'));
    vi.stubEnv('FONT_DIRS', `${dir}:/nonexistent`);

    expect(defaultFontDirs().slice(0, 2)).toEqual([dir, '/nonexistent']);
    const fonts = resolveFonts();
    expect(fonts.arabic.path).toBe(path.join(dir, 'NotoSansArabic-Regular.ttf'));
    expect(fonts.cjk).toEqual(debian.cjk);
    expect(resolveFonts()).toBe(fonts);
  });
});
