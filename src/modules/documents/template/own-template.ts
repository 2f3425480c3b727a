import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/** What a group writes in its own template where a reserved number goes. */
export const NUMBER_PLACEHOLDER = '{{number}}';

/** The parts of a .docx whose text a reader sees: the body, headers, footers and notes. */
const textPart = /^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/;

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A group's own template with a reserved number written where it says `{{number}}` (in one run of text, as
 * typed in Word without changing its formatting midway). A file that is not a readable .docx, or that has no
 * placeholder, is returned as it is: the number is in the file's name in any case.
 */
export function fillNumber(docx: Uint8Array, number: string): Uint8Array {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(docx, { filter: (f) => f.originalSize < 50 * 1024 * 1024 });
  } catch {
    return docx;
  }
  let changed = false;
  for (const name of Object.keys(files)) {
    if (!textPart.test(name)) continue;
    const xml = strFromU8(files[name]!);
    if (!xml.includes(NUMBER_PLACEHOLDER)) continue;
    files[name] = strToU8(xml.replaceAll(NUMBER_PLACEHOLDER, escapeXml(number)));
    changed = true;
  }
  return changed ? zipSync(files) : docx;
}
