import type { AppContext } from '../../platform/context.ts';
import { toCsv } from '../../platform/export/csv.ts';
import type { Column } from '../../platform/export/table.ts';
import { toXlsx } from '../../platform/export/xlsx.ts';
import { type Locale, translator } from '../../platform/i18n/index.ts';
import type { Actor } from '../accounts/profile.ts';
import { type DecidedDocument, decisionsOfMeeting } from './service.ts';
import { decisionKindLabel } from './vocabulary.ts';

export type ExportFormat = 'csv' | 'xlsx';

/** One line of the export: a document of an item, or an item without documents (its conclusion only). */
interface Line {
  session: string;
  item: number;
  itemTitle: string;
  conclusion: string;
  document: DecidedDocument | null;
}

function columns(locale: Locale): Column<Line>[] {
  const t = translator(locale);
  return [
    { header: t('decision.col.session'), value: (l) => l.session },
    { header: t('decision.col.item'), value: (l) => l.item },
    { header: t('decision.col.itemTitle'), value: (l) => l.itemTitle },
    { header: t('decision.col.document'), value: (l) => l.document?.number ?? '' },
    { header: t('decision.col.title'), value: (l) => l.document?.title ?? '' },
    { header: t('decision.col.decision'), value: (l) => (l.document?.decision ? t(decisionKindLabel[l.document.decision]) : '') },
    { header: t('decision.col.related'), value: (l) => l.document?.related?.number ?? '' },
    { header: t('decision.col.note'), value: (l) => l.document?.note ?? '' },
    { header: t('decision.col.conclusion'), value: (l) => l.conclusion },
  ];
}

/**
 * The meeting's agenda with its document allocation and decisions as a CSV or XLSX file, one line per
 * document of each item (an item without documents has one line), as the reader may see it (decisionsOfMeeting):
 * titles of documents left out for those who may not read them. Cells that start like formulas are neutralised.
 */
export async function exportDecisions(
  ctx: AppContext,
  actor: Actor | null,
  meetingId: number,
  format: ExportFormat,
  locale: Locale,
): Promise<string | Uint8Array> {
  const { sessions } = await decisionsOfMeeting(ctx, actor, meetingId);
  const lines: Line[] = sessions.flatMap(({ session, items }) =>
    items.flatMap((item): Line[] => {
      const base = { session: session.subgroup, item: item.number, itemTitle: item.title, conclusion: item.conclusion };
      return item.documents.length ? item.documents.map((document) => ({ ...base, document })) : [{ ...base, document: null }];
    }),
  );
  const cols = columns(locale);
  return format === 'csv' ? toCsv(lines, cols) : toXlsx(lines, cols, { sheetName: translator(locale)('decision.sheetName') });
}
