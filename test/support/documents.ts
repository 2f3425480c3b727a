import { Document, Packer, Paragraph } from 'docx';
import { zipSync } from 'fflate';

/** A real .docx whose paragraphs are the given lines. */
export async function docxWith(lines: string[]): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: lines.map((text) => new Paragraph({ text })) }] });
  return Packer.toBuffer(doc);
}

export const pdfBytes = (text = 'hello') => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);
export const plainZip = () => Buffer.from(zipSync({ 'readme.txt': new TextEncoder().encode('plain zip') }));

/** Fields of a contribution as the web form sends them. */
export const contributionFields = (title: string, extra: Record<string, string | string[]> = {}) => ({
  title,
  sources: 'China Mobile; Huawei',
  workingGroups: ['WG5'],
  contacts_0_name: 'Li Wei',
  contacts_0_organization: 'China Mobile',
  contacts_0_email: 'li.wei@example.org',
  abstract: 'A proposal on interoperability of virtual worlds.',
  keywords: 'metaverse, interoperability',
  ...extra,
});
