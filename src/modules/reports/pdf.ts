import { loadTemplate, renderTypst } from '../../platform/pdf/typst.ts';
import type { Report } from './compose.ts';

const template = loadTemplate(new URL('./report.typ', import.meta.url));

/** The report as a tagged A4 PDF in its language with every font embedded; right to left for Arabic. */
export async function renderReportPdf(report: Report): Promise<Buffer> {
  const data = { report, lang: report.locale, region: report.locale === 'zh' ? 'CN' : null };
  return (await renderTypst(template(), data)).pdf;
}
