import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { type Locale, translator } from '../../platform/i18n/index.ts';
import { composeReport } from './compose.ts';
import { renderReportDocx } from './docx.ts';
import type { ReportFacts } from './facts.ts';

/**
 * The report's .docx opened by a real word processor: LibreOffice Writer (`apt-get install
 * libreoffice-writer-nogui`, which CI installs) converts it headless to text. Skipped where `soffice` is not installed.
 */
const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((p) => fs.existsSync(p));
const run = promisify(execFile);

const facts: ReportFacts = {
  meeting: {
    id: 1,
    title: { en: 'Fourth meeting', ar: 'الاجتماع الرابع' },
    venueName: { en: 'ITU headquarters' },
    venueCity: { en: 'Geneva' },
    venueCountry: 'CH',
    mode: 'hybrid',
    languages: ['en', 'ar'],
    firstDay: '2023-05-09',
    lastDay: '2023-05-10',
  },
  group: { code: 'FG-MV', name: { en: 'Focus Group on metaverse' } },
  chairs: [{ role: 'chair', name: 'Ada Lovelace', affiliation: 'ETRI', country: 'KR' }],
  attendance: { total: 2, byMode: [{ key: 'remote', count: 2 }], byCountry: [{ key: 'KR', count: 2 }], waitlisted: 0 },
  documents: {
    total: 1,
    withdrawn: 0,
    byType: [{ key: 'I', count: 1 }],
    contributions: [{ number: 'FGMV-I-001', title: 'Avatar interoperability', sources: ['ETRI'] }],
  },
  sessions: [
    {
      subgroup: 'WG1',
      title: { en: 'Use cases' },
      startDate: '2023-05-09',
      endDate: '2023-05-10',
      items: [
        {
          number: 1,
          title: 'Contributions',
          conclusion: '',
          documents: [{ number: 'FGMV-I-001', title: 'Avatar interoperability', decision: 'agreed', related: null, note: '' }],
        },
      ],
    },
  ],
  outputs: [],
  next: null,
};

describe.skipIf(!soffice)('the meeting report opened by LibreOffice', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-report-soffice-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['en', 'Fourth meeting', 'Agreed'],
    ['ar', 'الاجتماع الرابع', translator('ar')('decision.kind.agreed')],
  ] as const)(
    'reads the %s report’s text: its title and the decision on the contribution',
    async (locale: Locale, title, decided) => {
      const report = composeReport(facts, { opening: {}, summary: {}, aob: {} }, { draft: true }, locale, translator(locale));
      const file = path.join(dir, `report-${locale}.docx`);
      fs.writeFileSync(file, await renderReportDocx(report));
      await run(
        soffice!,
        [
          `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`,
          '--headless',
          '--convert-to',
          'txt:Text (encoded):UTF8',
          '--outdir',
          dir,
          file,
        ],
        { timeout: 120_000, env: { ...process.env, HOME: dir } },
      );
      // Stored texts are isolated in right-to-left text (U+2068…U+2069): what a reader sees is the text itself.
      const text = fs.readFileSync(path.join(dir, `report-${locale}.txt`), 'utf8').replace(/[\u2068\u2069]/g, '');
      expect(text).toContain(title);
      expect(text).toContain('FGMV-I-001');
      expect(text).toContain('Avatar interoperability');
      expect(text).toContain(decided);
    },
    180_000,
  );
});
