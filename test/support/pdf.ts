import { getDocumentProxy, getMeta } from 'unpdf';

export interface PdfFacts {
  title: string;
  author: string;
  /** The catalog's /Lang. */
  lang: string | null;
  /** A structure tree (tagged PDF) and /MarkInfo. */
  tagged: boolean;
  /** Every font's name (subset prefix removed) and whether its program is embedded. */
  fonts: { name: string; embedded: boolean }[];
  pages: number;
  /** The text of each page, as pdf.js reads it through the fonts' ToUnicode maps. */
  text: string[];
}

/** What a PDF says about itself, read with unpdf (pdf.js): no poppler needed. */
export async function inspectPdf(bytes: Uint8Array): Promise<PdfFacts> {
  // Font descriptors and the catalog are plain objects in the PDFs Typst writes (content streams are compressed).
  const raw = Buffer.from(bytes).toString('latin1');
  const fonts = [...raw.matchAll(/\/Type\s*\/FontDescriptor([\s\S]*?)>>/g)].map((m) => ({
    name: (m[1]!.match(/\/FontName\s*\/([^\s/<>[\]()]+)/)?.[1] ?? '').replace(/^[A-Z]{6}\+/, ''),
    embedded: /\/FontFile[23]?\s+\d+\s+\d+\s+R/.test(m[1]!),
  }));
  const meta = await getMeta(new Uint8Array(bytes));
  const info = meta.info as { Title?: string; Author?: string };
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  const text: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    text.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
  }
  const pages = pdf.numPages;
  await pdf.destroy();
  return {
    title: info.Title ?? '',
    author: info.Author ?? '',
    lang: raw.match(/\/Lang\s*\(([^)]*)\)/)?.[1] ?? null,
    tagged: /\/StructTreeRoot\s+\d+\s+\d+\s+R/.test(raw) && /\/MarkInfo/.test(raw),
    fonts,
    pages,
    text,
  };
}
