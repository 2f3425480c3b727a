import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { byPolicy } from '../../platform/http/access.ts';
import { requireActor } from '../../platform/http/page-guard.ts';
import { problems } from '../../platform/http/problem.ts';
import { isLocale, translator } from '../../platform/i18n/index.ts';
import { idParam } from '../../platform/validation.ts';
import { readDocuments } from '../documents/policies.ts';
import { composeReport, reportLocale } from './compose.ts';
import { reportPaths as paths } from './paths.ts';
import { draftReports } from './policies.ts';
import * as reports from './service.ts';
import { reportTextFields } from './vocabulary.ts';

/** A meeting's report for API clients: the draft (secretariat), its texts, issuing, the issued versions. */
export async function reportApi(scope: FastifyInstance, ctx: AppContext) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];
  const base = ctx.config.baseUrl.replace(/\/$/, '');
  const perLanguage = z.record(z.string(), z.string()).describe('Text per language code (en, fr, …); an empty text clears one');
  const Texts = z.object({ opening: perLanguage, summary: perLanguage, aob: perLanguage });
  const Block = z.object({
    kind: z.enum(['heading', 'paragraph', 'facts', 'table', 'list']),
    level: z.number().optional(),
    text: z.string().optional(),
    placeholder: z.boolean().optional(),
    caption: z.string().optional(),
    headers: z.array(z.string()).optional(),
    rows: z.array(z.union([z.array(z.string()), z.object({ label: z.string(), value: z.string() })])).optional(),
    items: z.array(z.string()).optional(),
  });
  const Links = z.object({
    pdf: z.record(z.string(), z.string()).describe('PDF URL per working language'),
    docx: z.record(z.string(), z.string()).describe('.docx URL per working language'),
  });
  const Version = z.object({
    version: z.number(),
    issuedOn: z.string(),
    html: z.record(z.string(), z.string()).describe('Page URL per working language'),
    ...Links.shape,
  });
  const params = z.object({ id: idParam() });
  const langQuery = z.object({ lang: z.string().optional().describe('One of the meeting’s working languages; the caller’s by default') });
  const languagesOf = (languages: readonly string[]) => languages.filter(isLocale);
  const toVersion = (meetingId: number, languages: readonly string[], v: reports.ReportVersion) => {
    const at = { id: meetingId, version: v.version };
    const each = (url: (lang: string) => string) => Object.fromEntries(languagesOf(languages).map((l) => [l, `${base}${url(l)}`]));
    return {
      version: v.version,
      issuedOn: v.issuedOn,
      html: each((lang) => paths.version(at, { lang })),
      pdf: each((lang) => paths.versionPdf(at, { lang })),
      docx: each((lang) => paths.versionDocx(at, { lang })),
    };
  };

  app.get(
    '/api/meetings/:id/report',
    {
      config: { access: byPolicy(draftReports, 'secretariat') },
      schema: {
        operationId: 'getMeetingReport',
        tags,
        security: [{ bearer: [] }],
        summary: 'The draft report of the meeting, composed from its facts now, with the texts written (secretariat)',
        params,
        querystring: langQuery,
        response: {
          200: z.object({
            lang: z.string(),
            title: z.string(),
            blocks: z.array(Block),
            texts: Texts,
            downloads: Links,
            issued: z.array(Version),
          }),
          ...problems(403, 404),
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const draft = await reports.draftReport(ctx, actor, req.params.id);
      const locale = reportLocale(draft.facts.meeting.languages, req.query.lang, req.locale);
      const report = composeReport(draft.facts, draft.texts, { draft: true }, locale, translator(locale));
      const id = req.params.id;
      const each = (url: (lang: string) => string) =>
        Object.fromEntries(languagesOf(draft.facts.meeting.languages).map((l) => [l, `${base}${url(l)}`]));
      return {
        lang: locale,
        title: report.title,
        blocks: report.blocks,
        texts: draft.texts,
        downloads: { pdf: each((lang) => paths.draftPdf({ id }, { lang })), docx: each((lang) => paths.draftDocx({ id }, { lang })) },
        issued: draft.issued.map((v) => toVersion(id, draft.facts.meeting.languages, v)),
      };
    },
  );

  app.put(
    '/api/meetings/:id/report',
    {
      config: { access: byPolicy(draftReports, 'secretariat') },
      schema: {
        operationId: 'saveMeetingReportTexts',
        tags,
        security: [{ bearer: [] }],
        summary: 'Write the texts of the draft report (secretariat)',
        description: 'Each language of each section sent replaces the one stored (an empty text clears it); the others stay.',
        params,
        body: z.object(
          Object.fromEntries(reportTextFields.map((f) => [f, perLanguage.optional()])) as Record<
            (typeof reportTextFields)[number],
            z.ZodOptional<typeof perLanguage>
          >,
        ),
        response: { 200: z.object({ texts: Texts }), ...problems(403, 404, 422) },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return { texts: await reports.saveReportTexts(ctx, actor, req.params.id, req.body) };
    },
  );

  app.post(
    '/api/meetings/:id/report/issue',
    {
      config: { access: byPolicy(draftReports, 'secretariat') },
      schema: {
        operationId: 'issueMeetingReport',
        tags,
        security: [{ bearer: [] }],
        summary: 'Issue the next version of the meeting’s report (secretariat)',
        description: 'Freezes the facts as they are now and the texts written: the issued version never changes.',
        params,
        response: { 201: Version, ...problems(403, 404, 409) },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const row = await reports.issueReport(ctx, actor, req.params.id);
      return reply.code(201).send(toVersion(req.params.id, row.facts.meeting.languages, row));
    },
  );

  app.get(
    '/api/meetings/:id/reports',
    {
      config: { access: byPolicy(readDocuments, 'readers') },
      schema: {
        operationId: 'listMeetingReports',
        tags,
        summary: 'Issued versions of the meeting’s report',
        description: 'To whoever may read the group’s documents (everyone, or those signed in).',
        params,
        response: { 200: z.object({ versions: z.array(Version) }), ...problems(401, 404) },
      },
    },
    async (req) => {
      const { detail, versions } = await reports.issuedReports(ctx, req.actor, req.params.id);
      return { versions: versions.map((v) => toVersion(req.params.id, detail.meeting.languages, v)) };
    },
  );
}
