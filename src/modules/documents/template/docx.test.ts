import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { contributionTemplate, englishTemplateLabels, type TemplateInput, type TemplateLabels } from './docx.ts';

const fgmv: TemplateInput = {
  groupCode: 'FG-MV',
  groupName: 'ITU-T Focus Group on metaverse',
  documentPrefix: 'FGMV',
  meeting: { title: 'Fourth meeting of FG-MV', place: 'Geneva, Switzerland', dates: '9-10 May 2023' },
  workingGroups: ['TG', 'WG1', 'WG2', 'WG3', 'WG4', 'WG5', 'WG6', 'WG7', 'WG8'],
  labels: englishTemplateLabels,
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
