import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// The font families the templates name (base.typ) each come from an npm package of OFL fonts, in the weights
// the documents use and no others: Noto Sans (Latin, Greek, Cyrillic), Noto Naskh Arabic, and Noto Sans SC
// (whose OpenType family name is "Noto Sans S Chinese").

interface FontSpec {
  label: string;
  file: string;
  /** The npm package holding `file` in its `fonts/` folder. */
  pkg: string;
}

const FONTS: FontSpec[] = [
  { label: 'Noto Sans Regular', file: 'NotoSans-Regular.ttf', pkg: '@embedpdf/fonts-latin' },
  { label: 'Noto Sans Bold', file: 'NotoSans-Bold.ttf', pkg: '@embedpdf/fonts-latin' },
  { label: 'Noto Naskh Arabic Regular', file: 'NotoNaskhArabic-Regular.ttf', pkg: '@embedpdf/fonts-arabic' },
  { label: 'Noto Naskh Arabic Bold', file: 'NotoNaskhArabic-Bold.ttf', pkg: '@embedpdf/fonts-arabic' },
  { label: 'Noto Sans SC Regular', file: 'NotoSansHans-Regular.otf', pkg: '@embedpdf/fonts-sc' },
  { label: 'Noto Sans SC Bold', file: 'NotoSansHans-Bold.otf', pkg: '@embedpdf/fonts-sc' },
];

interface FontSources {
  /** The font files the engine loads: each found in `FONT_DIRS` first, else in its npm package. */
  files: string[];
  /** The `FONT_DIRS` folders, loaded whole: fonts there add to (or, by file name, replace) the packaged ones. */
  dirs: string[];
}

const require = createRequire(import.meta.url);

/** The folder of an installed package's font files, or null when the package is not installed. */
function packageFontDir(pkg: string): string | null {
  try {
    // The packages export only their index (dist/index.cjs); the fonts sit next to dist/.
    return path.join(path.dirname(require.resolve(pkg)), '..', 'fonts');
  } catch {
    return null;
  }
}

/** The folders in `FONT_DIRS` (colon-separated). */
export function fontDirsFromEnv(): string[] {
  return (process.env.FONT_DIRS ?? '').split(':').filter(Boolean);
}

const cache = new Map<string, FontSources>();

/**
 * Locates every font file the PDF templates use: in `dirs` first (by file name), then in the npm packages
 * (unless `packages` is false). Throws naming the first font found nowhere. Never looks in /usr/share/fonts.
 */
export function resolveFonts(dirs: string[] = fontDirsFromEnv(), packages = true): FontSources {
  const key = `${packages}:${dirs.join(':')}`;
  const known = cache.get(key);
  if (known) return known;
  const files = FONTS.map((font) => {
    const places = [...dirs, ...(packages ? [packageFontDir(font.pkg)] : [])].filter((d): d is string => d !== null);
    for (const dir of places) {
      const full = path.join(dir, font.file);
      if (existsSync(full)) return full;
    }
    throw new Error(
      `Font ${font.label} (${font.file}) not found in ${[...dirs.map((d) => `FONT_DIRS folder ${d}`), ...(packages ? [`the npm package ${font.pkg}`] : [])].join(', ') || '(nowhere to look)'}. ` +
        `Run \`npm ci\` (the package ${font.pkg} is a dependency), or put ${font.file} in a folder listed in FONT_DIRS.`,
    );
  });
  const sources = { files, dirs: dirs.filter((d) => existsSync(d)) };
  cache.set(key, sources);
  return sources;
}
