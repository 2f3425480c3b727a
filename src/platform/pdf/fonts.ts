import { existsSync } from 'node:fs';
import path from 'node:path';

/** A font file; `face` names the face to use inside a TrueType/OpenType collection (.ttc). */
export interface FontFile {
  path: string;
  face?: string;
}

export interface FontSet {
  latin: FontFile;
  latinBold: FontFile;
  cjk: FontFile;
  cjkBold: FontFile;
  arabic: FontFile;
}

const DEBIAN_DIRS = ['/usr/share/fonts/truetype/noto', '/usr/share/fonts/opentype/noto'];

/** For each role, the files that can fill it, best first (Debian ships CJK as a collection, upstream as OTFs). */
const CANDIDATES: Record<keyof FontSet, { label: string; files: FontFile[] }> = {
  latin: { label: 'Noto Sans Regular', files: [{ path: 'NotoSans-Regular.ttf' }] },
  latinBold: { label: 'Noto Sans Bold', files: [{ path: 'NotoSans-Bold.ttf' }] },
  cjk: {
    label: 'Noto Sans CJK Regular',
    files: [{ path: 'NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' }, { path: 'NotoSansCJKsc-Regular.otf' }],
  },
  cjkBold: {
    label: 'Noto Sans CJK Bold',
    files: [{ path: 'NotoSansCJK-Bold.ttc', face: 'NotoSansCJKsc-Bold' }, { path: 'NotoSansCJKsc-Bold.otf' }],
  },
  arabic: { label: 'Noto Sans Arabic Regular', files: [{ path: 'NotoSansArabic-Regular.ttf' }] },
};

const cache = new Map<string, FontSet>();

/** The directories in `FONT_DIRS` (colon-separated), then Debian's Noto directories. */
export function defaultFontDirs(): string[] {
  const fromEnv = (process.env.FONT_DIRS ?? '').split(':').filter(Boolean);
  return [...fromEnv, ...DEBIAN_DIRS];
}

/** Locates the fonts the PDF renderer embeds, searching `dirs` in order; throws naming the first missing font. */
export function resolveFonts(dirs: string[] = defaultFontDirs()): FontSet {
  const key = dirs.join(':');
  let fonts = cache.get(key);
  if (!fonts) {
    const find = (role: keyof FontSet) => locate(role, dirs);
    fonts = { latin: find('latin'), latinBold: find('latinBold'), cjk: find('cjk'), cjkBold: find('cjkBold'), arabic: find('arabic') };
    cache.set(key, fonts);
  }
  return fonts;
}

function locate(role: keyof FontSet, dirs: string[]): FontFile {
  const { label, files } = CANDIDATES[role];
  for (const dir of dirs) {
    for (const file of files) {
      const full = path.join(dir, file.path);
      if (existsSync(full)) return { ...file, path: full };
    }
  }
  throw new Error(
    `Font ${label} (${files.map((f) => f.path).join(' or ')}) not found in ${dirs.join(', ') || '(no directories)'}. ` +
      'Run `apt-get install fonts-noto-core fonts-noto-cjk`, or set FONT_DIRS to a colon-separated list of directories containing it.',
  );
}
