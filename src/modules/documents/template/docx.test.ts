import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Locale, type MessageKey, translator } from '../../../platform/i18n/index.ts';
import { contributionTemplate, englishTemplateLabels, type TemplateInput, type TemplateLabels } from './docx.ts';

const fgmv: TemplateInput = {
  groupCode: 'FG-MV',
  groupName: 'ITU-T Focus Group on metaverse',
  documentPrefix: 'FGMV',
  meeting: { title: 'Fourth meeting of FG-MV', place: 'Geneva, Switzerland', dates: '9-10 May 2023' },
  workingGroups: ['TG', 'WG1', 'WG2', 'WG3', 'WG4', 'WG5', 'WG6', 'WG7', 'WG8'],
  labels: englishTemplateLabels,
  locale: 'en',
};

const chineseLabels: TemplateLabels = {
  documentNumber: '文件编号',
  numberPlaceholder: '（由秘书处分配）',
  meeting: '会议',
  workingGroup: '工作组',
  source: '来源',
  title: '标题',
  contacts: '联系人',
  contactName: '姓名',
  contactOrganization: '单位',
  contactEmail: '电子邮件',
  abstract: '摘要',
  keywords: '关键词',
  purpose: '目的',
  body: '请说明本文稿的背景和所要解决的问题。',
  instructions: '请填写下表，只保留适用的工作组和目的，并在提交前删除本段。',
  purposeOptions: ['供参考', '供讨论', '供决定'],
  headings: { introduction: '引言', proposal: '提案', conclusion: '结论' },
};

async function unzipped(input: TemplateInput): Promise<Record<string, string>> {
  const files = unzipSync(new Uint8Array(await contributionTemplate(input)));
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

const escapeXml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** Every text a label set puts in the document, flattened. */
function visibleLabels(labels: TemplateLabels): string[] {
  const { purposeOptions, headings, ...fields } = labels;
  return [...Object.values(fields), ...(purposeOptions ?? []), ...Object.values(headings ?? {})];
}

describe('contribution template', () => {
  it('is a Word package', async () => {
    const files = await unzipped(fgmv);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']));
    expect(files['[Content_Types].xml']).toContain('wordprocessingml.document.main+xml');
  });

  it('carries the group, the number placeholder, the meeting and the working groups', async () => {
    const xml = (await unzipped(fgmv))['word/document.xml']!;
    expect(xml).toContain('ITU-T Focus Group on metaverse');
    expect(xml).toContain('FGMV-I-xxx (number assigned by the secretariat)');
    for (const text of ['Fourth meeting of FG-MV', 'Geneva, Switzerland', '9-10 May 2023']) expect(xml).toContain(text);
    expect(xml).toContain('TG / WG1 / WG2 / WG3 / WG4 / WG5 / WG6 / WG7 / WG8');
    expect(xml).toContain('Information / Discussion / Decision');
  });

  it('shows every label', async () => {
    const xml = (await unzipped(fgmv))['word/document.xml']!;
    const missing = visibleLabels(englishTemplateLabels).filter((label) => !xml.includes(escapeXml(label)));
    expect(missing).toEqual([]);
  });

  it('puts the instructions in italics before the cover table', async () => {
    const xml = (await unzipped(fgmv))['word/document.xml']!;
    const instructions = xml.indexOf(escapeXml(englishTemplateLabels.instructions));
    expect(instructions).toBeGreaterThan(-1);
    expect(instructions).toBeLessThan(xml.indexOf('<w:tbl>'));
    expect(xml.slice(xml.lastIndexOf('<w:r>', instructions), instructions)).toContain('<w:i/>');
  });

  it('orders the sections, with the body text under the first heading', async () => {
    const xml = (await unzipped(fgmv))['word/document.xml']!;
    const positions = ['Introduction', englishTemplateLabels.body, 'Proposal', 'Conclusion'].map((text) => xml.indexOf(`>${text}<`));
    expect(positions.every((position) => position > xml.lastIndexOf('</w:tbl>'))).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('leaves two blank contacts under name, organization and e-mail', async () => {
    const xml = (await unzipped(fgmv))['word/document.xml']!;
    const nested = xml.slice(xml.indexOf('<w:tbl>', xml.indexOf('<w:tbl>') + 1));
    const contacts = nested.slice(0, nested.indexOf('</w:tbl>'));
    expect(contacts.match(/<w:tr>/g)).toHaveLength(3);
    expect(contacts.match(/<w:gridCol /g)).toHaveLength(3);
    expect(contacts).toContain('>E-mail<');
  });

  it('draws the cell borders', async () => {
    const xml = (await unzipped(fgmv))['word/document.xml']!;
    for (const side of ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']) expect(xml).toContain(`<w:${side} w:val="single"`);
  });

  it('is A4 with 2 cm margins and a font that covers CJK', async () => {
    const files = await unzipped(fgmv);
    expect(files['word/document.xml']).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(files['word/document.xml']).toContain('<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134"');
    const defaults = files['word/styles.xml']!.match(/<w:docDefaults>.*?<\/w:docDefaults>/s)?.[0];
    expect(defaults).toContain('w:ascii="Noto Sans"');
    expect(defaults).toContain('w:eastAsia="Noto Sans CJK SC"');
  });

  it('shows Chinese labels', async () => {
    const xml = (await unzipped({ ...fgmv, labels: chineseLabels }))['word/document.xml']!;
    expect(xml).toContain('FGMV-I-xxx （由秘书处分配）');
    const missing = visibleLabels(chineseLabels).filter((label) => !xml.includes(label));
    expect(missing).toEqual([]);
    expect(xml).not.toContain('>Introduction<');
  });

  it('leaves the meeting to fill in when there is none', async () => {
    const { meeting: _, ...withoutMeeting } = fgmv;
    const xml = (await unzipped({ ...withoutMeeting, workingGroups: [] }))['word/document.xml']!;
    expect(xml).not.toContain('Geneva');
    expect(xml).not.toContain('undefined');
    const afterLabel = xml.slice(xml.indexOf('>Meeting<'));
    const valueCell = afterLabel.slice(afterLabel.indexOf('<w:tc>'), afterLabel.indexOf('</w:tc>', afterLabel.indexOf('<w:tc>')));
    expect(valueCell.match(/<w:p[ >/]/g)).toHaveLength(3);
  });

  it('falls back to English purposes and headings', async () => {
    const { purposeOptions: _, headings: __, ...required } = englishTemplateLabels;
    const xml = (await unzipped({ ...fgmv, labels: required }))['word/document.xml']!;
    expect(xml).toContain('Information / Discussion / Decision');
    expect(xml).toContain('>Conclusion<');
  });
});

/** The labels the server puts in a template in `locale`, from the module's catalog. */
function catalogLabels(locale: Locale): TemplateLabels {
  const t = translator(locale);
  const label = (key: string) => t(`template.${key}` as MessageKey);
  const fields = Object.keys(englishTemplateLabels).filter((key) => key !== 'purposeOptions' && key !== 'headings');
  return {
    ...(Object.fromEntries(fields.map((key) => [key, label(key)])) as Omit<TemplateLabels, 'purposeOptions' | 'headings'>),
    purposeOptions: ['information', 'discussion', 'decision'].map((key) => label(`purpose.${key}`)),
    headings: { introduction: label('heading.introduction'), proposal: label('heading.proposal'), conclusion: label('heading.conclusion') },
  };
}

const arabic: TemplateInput = {
  ...fgmv,
  groupName: 'الفريق المتخصص المعني بالميتافيرس',
  meeting: { title: 'الاجتماع الرابع للفريق FG-MV', place: 'جنيف، سويسرا', dates: '9-10 مايو 2023' },
  labels: catalogLabels('ar'),
  locale: 'ar',
};
const chinese: TemplateInput = {
  ...fgmv,
  groupName: '国际电联元宇宙焦点组',
  meeting: { title: 'FG-MV第四次会议', place: '瑞士日内瓦', dates: '2023年5月9-10日' },
  labels: catalogLabels('zh'),
  locale: 'zh',
};

const paragraphsOf = (xml: string) => [...xml.matchAll(/<w:p>(.*?)<\/w:p>/gs)].map((match) => match[1]!);
const runsOf = (xml: string) =>
  [...xml.matchAll(/<w:r>(?:<w:rPr>(.*?)<\/w:rPr>)?(.*?)<\/w:r>/gs)].map(([, properties = '', content = '']) => ({
    properties,
    text: [...content.matchAll(/<w:t[^>]*>(.*?)<\/w:t>/gs)].map((match) => match[1]).join(''),
  }));
const textOf = (paragraph: string) =>
  runsOf(paragraph)
    .map((run) => run.text)
    .join('');
const docDefaults = (files: Record<string, string>) => files['word/styles.xml']!.match(/<w:docDefaults>.*?<\/w:docDefaults>/s)![0];
const bidiMarkers = ['<w:bidi/>', '<w:rtl/>', '<w:bidiVisual/>', 'w:bidi='];
const arabicLetter = /\p{Script=Arabic}/u;

describe('Arabic contribution template', () => {
  it('lays out every paragraph right to left', async () => {
    const paragraphs = paragraphsOf((await unzipped(arabic))['word/document.xml']!);
    expect(paragraphs.length).toBeGreaterThan(20);
    expect(paragraphs.filter((paragraph) => !/<w:pPr>.*<w:bidi\/>.*<\/w:pPr>/s.test(paragraph))).toEqual([]);
  });

  it('marks the Arabic runs right to left, with an Arabic font and language, and leaves codes left to right', async () => {
    const runs = runsOf((await unzipped(arabic))['word/document.xml']!).filter((run) => run.text);
    const arabicRuns = runs.filter((run) => arabicLetter.test(run.text));
    expect(arabicRuns.length).toBeGreaterThan(20);
    for (const run of arabicRuns) {
      expect(run.properties, run.text).toContain('<w:rtl/>');
      expect(run.properties, run.text).toContain('w:cs="Noto Sans Arabic"');
      expect(run.properties, run.text).toContain('w:bidi="ar-SA"');
    }
    const latinRuns = runs.filter((run) => /[A-Za-z]/.test(run.text));
    expect(latinRuns.map((run) => run.text)).toEqual(
      expect.arrayContaining(['FG-MV', 'FGMV-I-xxx', 'TG / WG1 / WG2 / WG3 / WG4 / WG5 / WG6 / WG7 / WG8']),
    );
    expect(latinRuns.filter((run) => run.properties.includes('<w:rtl/>') || arabicLetter.test(run.text))).toEqual([]);
  });

  it('keeps each text whole and in order across its runs', async () => {
    const texts = paragraphsOf((await unzipped(arabic))['word/document.xml']!).map(textOf);
    expect(texts).toEqual(
      expect.arrayContaining([
        `FGMV-I-xxx ${arabic.labels.numberPlaceholder}`,
        'الاجتماع الرابع للفريق FG-MV',
        '9-10 مايو 2023',
        arabic.labels.instructions,
        '[…]',
      ]),
    );
    const numberRuns = runsOf(paragraphsOf((await unzipped(arabic))['word/document.xml']!).find((p) => p.includes('FGMV-I-xxx'))!);
    expect(numberRuns.map((run) => [run.text, run.properties.includes('<w:rtl/>')])).toEqual([
      ['FGMV-I-xxx', false],
      [` ${arabic.labels.numberPlaceholder}`, true],
    ]);
  });

  it('makes the empty cells right to left for what a delegate types in them', async () => {
    const paragraphs = paragraphsOf((await unzipped(arabic))['word/document.xml']!).filter((p) => textOf(p) === '');
    expect(paragraphs.length).toBeGreaterThan(5);
    for (const paragraph of paragraphs) expect(paragraph).toMatch(/<w:pPr>.*<w:rPr>.*<w:rtl\/>.*<\/w:rPr><\/w:pPr>/s);
  });

  it('lays out the section and the tables right to left', async () => {
    const xml = (await unzipped(arabic))['word/document.xml']!;
    expect(xml.match(/<w:sectPr>.*<\/w:sectPr>/s)![0]).toMatch(/<w:bidi\/><w:docGrid /);
    const tables = xml.match(/<w:tblPr>.*?<\/w:tblPr>/gs)!;
    expect(tables).toHaveLength(2);
    for (const table of tables) expect(table).toContain('<w:bidiVisual/>');
  });

  it('declares the complex-script font, Arabic and right to left in the defaults and the settings', async () => {
    const files = await unzipped(arabic);
    const defaults = docDefaults(files);
    expect(defaults).toContain('w:cs="Noto Sans Arabic"');
    expect(defaults).toMatch(/<w:lang [^>]*w:bidi="ar-SA"/);
    expect(defaults).toContain('<w:pPrDefault><w:pPr><w:bidi/></w:pPr></w:pPrDefault>');
    expect(files['word/settings.xml']).toMatch(/<w:themeFontLang [^>]*w:bidi="ar-SA"[^>]*\/><\/w:settings>$/);
  });

  it('sizes the complex-script text as the rest', async () => {
    const files = await unzipped(arabic);
    const sizes = [files['word/document.xml']!, files['word/styles.xml']!].flatMap((xml) => [
      ...xml.matchAll(/<w:sz w:val="(\d+)"\/>(?:<w:szCs w:val="(\d+)"\/>)?/g),
    ]);
    expect(sizes.length).toBeGreaterThan(1);
    expect(sizes.filter(([, size, complexScriptSize]) => size !== complexScriptSize).map(([tag]) => tag)).toEqual([]);
  });
});

describe('template languages', () => {
  it('declares Chinese as the East Asian language, with a Chinese font and its fallbacks', async () => {
    const files = await unzipped(chinese);
    const defaults = docDefaults(files);
    expect(defaults).toMatch(/<w:lang [^>]*w:eastAsia="zh-CN"/);
    expect(defaults).toContain('w:eastAsia="Noto Sans CJK SC"');
    expect(files['word/fontTable.xml']).toContain(
      '<w:font w:name="Noto Sans CJK SC"><w:altName w:val="Microsoft YaHei, SimSun"/><w:charset w:val="86"/>',
    );
    expect(files['word/settings.xml']).toMatch(/<w:themeFontLang [^>]*w:eastAsia="zh-CN"/);
    expect(files['word/document.xml']).toContain(chinese.labels.instructions);
    for (const marker of bidiMarkers) expect(files['word/document.xml']).not.toContain(marker);
  });

  it.each([
    ['en', 'en-GB'],
    ['fr', 'fr-FR'],
    ['es', 'es-ES'],
    ['ru', 'ru-RU'],
  ] as const)('declares %s as %s and nothing right to left', async (locale, tag) => {
    const files = await unzipped({ ...fgmv, labels: catalogLabels(locale), locale });
    expect(docDefaults(files)).toContain(`<w:lang w:val="${tag}"/>`);
    expect(files['word/settings.xml']).toContain(`<w:themeFontLang w:val="${tag}"/>`);
    for (const part of ['word/document.xml', 'word/styles.xml', 'word/settings.xml']) {
      for (const marker of bidiMarkers) expect(files[part], `${part}: ${marker}`).not.toContain(marker);
    }
  });

  it('names fonts to fall back on for Latin, Arabic and Chinese', async () => {
    const fonts = (await unzipped(fgmv))['word/fontTable.xml']!;
    expect(
      [...fonts.matchAll(/<w:font w:name="([^"]+)"><w:altName w:val="([^"]+)"\/><w:charset w:val="(\w+)"\/>/g)].map((m) => m.slice(1)),
    ).toEqual([
      ['Noto Sans', 'Arial', '00'],
      ['Noto Sans Arabic', 'Arial, Tahoma', 'B2'],
      ['Noto Sans CJK SC', 'Microsoft YaHei, SimSun', '86'],
    ]);
  });
});

/**
 * The templates opened by a real word processor: LibreOffice Writer (`apt-get install libreoffice-writer-nogui`) reads
 * them headless and writes their text, and a PDF that pdftotext (poppler-utils) reads back where an Arabic font is
 * installed. Skipped where `soffice` is not on the PATH.
 */
const onPath = (name: string) =>
  (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, name))
    .find((file) => fs.existsSync(file));
const soffice = onPath('soffice') ?? onPath('libreoffice');
const pdftotext = onPath('pdftotext');
/** Whether fontconfig has a font for Arabic, without which the PDF has no Arabic text to read back. */
function hasArabicFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=ar', 'family'], { encoding: 'utf8', timeout: 10_000 }).trim() !== '';
  } catch {
    return false;
  }
}
const run = promisify(execFile);

describe.skipIf(!soffice)('templates opened by LibreOffice', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-template-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Converts each template with LibreOffice, its own profile and home in `dir`, and returns the files it wrote. */
  async function converted(format: string, extension: string, inputs: Record<string, TemplateInput>): Promise<Record<string, string>> {
    const out = path.join(dir, extension);
    const files = await Promise.all(
      Object.entries(inputs).map(async ([name, input]) => {
        const file = path.join(dir, `${name}.docx`);
        fs.writeFileSync(file, await contributionTemplate(input));
        return file;
      }),
    );
    await run(
      soffice!,
      [
        `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`,
        '--headless',
        '--convert-to',
        format,
        '--outdir',
        out,
        ...files,
      ],
      { timeout: 60_000, env: { ...process.env, HOME: dir } },
    );
    return Object.fromEntries(
      Object.keys(inputs).map((name) => {
        const file = path.join(out, `${name}.${extension}`);
        return [name, fs.existsSync(file) ? file : ''];
      }),
    );
  }

  it('opens the Arabic and the Chinese template with their text', { timeout: 90_000 }, async () => {
    const files = await converted('txt:Text (encoded):UTF8', 'txt', { ar: arabic, zh: chinese });
    for (const [name, input] of [
      ['ar', arabic],
      ['zh', chinese],
    ] as const) {
      expect(files[name], `${name}.txt`).not.toBe('');
      const text = fs.readFileSync(files[name]!, 'utf8');
      const missing = [...visibleLabels(input.labels), input.groupName, input.meeting!.title, input.meeting!.dates].filter(
        (label) => !text.includes(label),
      );
      expect(missing, name).toEqual([]);
      expect(text).toContain(`FGMV-I-xxx ${input.labels.numberPlaceholder}`);
    }
  });

  it.skipIf(!pdftotext || !hasArabicFont())(
    'prints the Arabic template right to left: labels on the right of their values, words in reading order',
    { timeout: 90_000 },
    async () => {
      const files = await converted('pdf', 'pdf', { ar: arabic, en: fgmv });
      const layout = async (file: string) =>
        // Without the bidi embedding marks pdftotext puts around right-to-left text.
        (await run(pdftotext!, ['-layout', file, '-'], { timeout: 30_000 })).stdout.replaceAll(/[\u202a-\u202e]/g, '').split('\n');
      const [ar, en] = [await layout(files.ar!), await layout(files.en!)];
      const line = (lines: string[], text: string) => lines.find((l) => l.includes(text)) ?? '';
      const numberLine = line(ar, 'FGMV-I-xxx');
      expect(numberLine.indexOf('الوثيقة')).toBeGreaterThan(numberLine.indexOf('FGMV-I-xxx'));
      expect(line(en, 'FGMV-I-xxx').indexOf('Document')).toBeLessThan(line(en, 'FGMV-I-xxx').indexOf('FGMV-I-xxx'));
      const header = line(ar, 'FG-MV');
      expect(header).toContain(arabic.groupName);
      expect(header.indexOf(arabic.groupName)).toBeGreaterThan(header.indexOf('FG-MV'));
      expect(line(ar, 'المصدر').trim()).toBe('المصدر');
    },
  );
});
