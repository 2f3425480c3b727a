import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { byPolicy } from '../../platform/http/access.ts';
import { confirmedOrAsk } from '../../platform/http/confirm-step.ts';
import { sendPrivateFile, sendStoredFile } from '../../platform/http/downloads.ts';
import { formPage } from '../../platform/http/form-page.ts';
import { noticeFrom, redirectWithNotice } from '../../platform/http/forms.ts';
import { allowPage } from '../../platform/http/page-guard.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { isLocale, type Locale, translator } from '../../platform/i18n/index.ts';
import { emptyForm, type FormState } from '../../platform/ui/forms.tsx';
import { Localized } from '../../platform/ui/localized.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { toId } from '../../platform/validation.ts';
import { readDocuments } from '../documents/policies.ts';
import { composeReport, type Report, reportLocale } from './compose.ts';
import type { ReportFacts, ReportTexts } from './facts.ts';
import { reportPaths as paths } from './paths.ts';
import { draftReports } from './policies.ts';
import * as reports from './service.ts';
import { DraftReportPage, IssuedReportPage, textField } from './views/report-page.tsx';
import { reportTextFields } from './vocabulary.ts';

const hide = { schema: { hide: true } };
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const idOf = (req: FastifyRequest) => toId((req.params as { id: string }).id);
const versionOf = (req: FastifyRequest) => toId((req.params as { version?: string }).version) || -1;
const askedLang = (req: FastifyRequest) =>
  (req.query as Record<string, unknown>).lang ?? (req.body as Record<string, unknown> | undefined)?.lang;
const usable = (languages: readonly string[]) => languages.filter(isLocale);

/** The report composed in the language asked for among the meeting's working languages. */
function composed(req: FastifyRequest, facts: ReportFacts, texts: ReportTexts, state: Parameters<typeof composeReport>[2]): Report {
  const locale = reportLocale(facts.meeting.languages, askedLang(req), req.locale);
  return composeReport(facts, texts, state, locale, translator(locale));
}

/** "report-12-draft-fr.pdf". */
const filename = (meetingId: number, which: string, report: Report, ext: string) => `report-${meetingId}-${which}-${report.locale}.${ext}`;

/** A rendered draft, always as a download, never cached: it is the secretariat's. */
async function sendDraft(reply: FastifyReply, report: Report, name: string, format: reports.ReportFormat) {
  return sendPrivateFile(reply, await reports.renderReport(report, format), format === 'pdf' ? 'application/pdf' : DOCX, name);
}

export async function reportPages(app: FastifyInstance, ctx: AppContext) {
  const staff = byPolicy(draftReports, 'secretariat');

  const showDraft = async (req: FastifyRequest, reply: FastifyReply, form?: FormState, status = 200) => {
    if (!allowPage(req, reply, draftReports, undefined)) return reply;
    const draft = await reports.draftReport(ctx, req.actor, idOf(req));
    const report = composed(req, draft.facts, draft.texts, { draft: true });
    const values = Object.fromEntries(reportTextFields.map((f) => [textField(f), draft.texts[f][report.locale] ?? '']));
    return sendPage(
      reply,
      DraftReportPage({
        ctx: viewContext(req),
        detail: draft.detail,
        report,
        languages: usable(draft.facts.meeting.languages),
        issued: draft.issued,
        form: form ?? emptyForm(values),
        notice: noticeFrom(req),
      }),
      status,
    );
  };
  formPage(app, paths.draft.pattern, {
    access: staff,
    // The first showing fills the form with the texts stored; after a failed save, with what was sent.
    show: (req, reply, form, status) => showDraft(req, reply, form.errors.length > 0 ? form : undefined, status),
    submit: async (req, reply, body) => {
      if (!allowPage(req, reply, draftReports, undefined)) return reply;
      const id = idOf(req);
      const { facts } = await reports.draftReport(ctx, req.actor, id);
      const lang: Locale = reportLocale(facts.meeting.languages, body.lang, req.locale);
      try {
        await reports.saveReportTexts(
          ctx,
          req.actor,
          id,
          Object.fromEntries(reportTextFields.map((f) => [f, { [lang]: String(body[textField(f)] ?? '') }])),
        );
      } catch (error) {
        // The service names a text by section and language ("summary.fr"); the form, by its field.
        if (error instanceof ValidationError)
          throw new ValidationError(error.fieldErrors.map((e) => ({ ...e, field: textField(e.field.split('.')[0]!) })));
        throw error;
      }
      return redirectWithNotice(reply, paths.draft({ id }, { lang }), 'saved');
    },
  });

  for (const [pattern, format] of [
    [paths.draftPdf.pattern, 'pdf'],
    [paths.draftDocx.pattern, 'docx'],
  ] as const) {
    app.get(pattern, { ...hide, config: { access: staff } }, async (req, reply) => {
      if (!allowPage(req, reply, draftReports, undefined)) return reply;
      const draft = await reports.draftReport(ctx, req.actor, idOf(req));
      const report = composed(req, draft.facts, draft.texts, { draft: true });
      return sendDraft(reply, report, filename(draft.detail.meeting.id, 'draft', report, format), format);
    });
  }

  formPage(app, paths.issue.pattern, {
    access: staff,
    postOnly: true,
    show: (req, reply) => showDraft(req, reply),
    submit: async (req, reply) => {
      if (!allowPage(req, reply, draftReports, undefined)) return reply;
      const id = idOf(req);
      const asked = await confirmedOrAsk(req, reply, async () => {
        const draft = await reports.draftReport(ctx, req.actor, id);
        const version = (draft.issued.at(-1)?.version ?? 0) + 1;
        return {
          title: req.t('report.confirm.title', { version }),
          subject: Localized({ ctx: { locale: req.locale }, text: draft.detail.meeting.title, isolate: true }),
          consequences: [req.t('report.confirm.frozen'), req.t('report.confirm.public')],
          confirmLabel: req.t('report.issueButton', { version }),
          cancelHref: paths.draft({ id }),
        };
      });
      if (!asked) return reply;
      await reports.issueReport(ctx, req.actor, id);
      return redirectWithNotice(reply, paths.draft({ id }), 'created');
    },
  });

  const readers = byPolicy(readDocuments, 'readers');
  app.get(paths.version.pattern, { ...hide, config: { access: readers } }, async (req, reply) => {
    const { detail, row, versions } = await reports.issuedReport(ctx, req.actor, idOf(req), versionOf(req));
    const report = composed(req, row.facts, row.texts, { draft: false, version: row.version, issuedOn: row.issuedOn });
    return sendPage(
      reply,
      IssuedReportPage({
        ctx: viewContext(req),
        detail,
        report,
        version: row.version,
        languages: usable(row.facts.meeting.languages),
        versions,
      }),
    );
  });
  for (const [pattern, format] of [
    [paths.versionPdf.pattern, 'pdf'],
    [paths.versionDocx.pattern, 'docx'],
  ] as const) {
    app.get(pattern, { ...hide, config: { access: readers } }, async (req, reply) => {
      const file = await reports.issuedReportFile(
        ctx,
        req.actor,
        idOf(req),
        versionOf(req),
        { lang: askedLang(req), reader: req.locale },
        format,
      );
      // Not cached by shared caches: a group's documents may be for those signed in only.
      return sendStoredFile(reply, file.stream, { ...file, mediaType: format === 'pdf' ? 'application/pdf' : DOCX });
    });
  }
}
