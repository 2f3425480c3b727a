import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { anyone, byPolicy } from '../../platform/http/access.ts';
import { sendStoredFile } from '../../platform/http/downloads.ts';
import { formBody, formFailure, noticeFrom, redirectWithNotice, sentValues } from '../../platform/http/forms.ts';
import { allowPage, requireActor } from '../../platform/http/page-guard.ts';
import { problems } from '../../platform/http/problem.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { isLocale, type Locale, locales, pick } from '../../platform/i18n/index.ts';
import { may } from '../../platform/policy.ts';
import { emptyForm, type FormState } from '../../platform/ui/forms.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { idParam, toId } from '../../platform/validation.ts';
import { getMeeting } from '../meetings/service.ts';
import { buildLetter } from './letter.ts';
import { manageCirculars } from './policies.ts';
import * as circulars from './service.ts';
import { CircularManagePage, CircularPage } from './views/circular-page.tsx';
import { addresseeKeys, copyToKeys } from './vocabulary.ts';

const hide = { schema: { hide: true } };
const idOf = (req: FastifyRequest) => toId((req.params as { id: string }).id);
const query = (req: FastifyRequest) => req.query as Record<string, string | undefined>;
const versionOf = (req: FastifyRequest) => {
  const v = query(req).version;
  return v === undefined || v === '' ? undefined : toId(v) || -1;
};
/** The letter's language: ?lang, else the reader's. */
const letterLocale = (req: FastifyRequest): Locale => {
  const lang = query(req).lang;
  return isLocale(lang) ? lang : req.locale;
};
const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === '' ? [] : [String(v)]);

export async function circularRoutes(scope: FastifyInstance, ctx: AppContext) {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  app.get('/meetings/:id/circular', { ...hide, config: { access: anyone } }, async (req, reply) => {
    const id = idOf(req);
    const detail = await getMeeting(ctx, id);
    const versions = await circulars.listCirculars(ctx, id);
    if (versions.length === 0 && may(req.actor, manageCirculars, undefined)) return reply.redirect(`/meetings/${id}/circular/manage`, 303);
    const { row, issued } = await circulars.getIssued(ctx, id, versionOf(req));
    const letter = buildLetter(issued, letterLocale(req));
    return sendPage(
      reply,
      CircularPage({
        ctx: viewContext(req),
        meetingId: id,
        meetingTitle: pick(detail.meeting.title, req.locale),
        letter,
        row,
        versions,
        canManage: may(req.actor, manageCirculars, undefined),
      }),
    );
  });

  app.get('/meetings/:id/circular.pdf', { ...hide, config: { access: anyone } }, async (req, reply) => {
    const { stream, size, filename } = await circulars.issuedPdf(ctx, idOf(req), letterLocale(req), versionOf(req));
    return sendStoredFile(reply, stream, { filename, mediaType: 'application/pdf', size, publicCache: true, inline: true });
  });

  const showManage = async (req: FastifyRequest, reply: FastifyReply, form: FormState = emptyForm(), status = 200) => {
    if (!allowPage(req, reply, manageCirculars, undefined)) return reply;
    const state = await circulars.circularStatus(ctx, req.actor, idOf(req));
    const latest = state.issued.at(-1);
    const initial =
      form.values.initials !== undefined
        ? form
        : emptyForm({
            initials: latest?.initials ?? '',
            issuedOn: '',
            addressees: latest?.facts.addressees ?? [...addresseeKeys],
            copyTo: latest?.facts.copyTo ?? [...copyToKeys],
          });
    const draftLetter = state.draft ? buildLetter(state.draft, req.locale) : null;
    return sendPage(
      reply,
      CircularManagePage({ ctx: viewContext(req), status: state, draftLetter, form: initial, notice: noticeFrom(req) }),
      status,
    );
  };
  app.get('/meetings/:id/circular/manage', { ...hide, config: { access: byPolicy(manageCirculars, 'secretariat') } }, (req, reply) =>
    showManage(req, reply),
  );
  app.post(
    '/meetings/:id/circular/issue',
    { ...hide, config: { access: byPolicy(manageCirculars, 'secretariat') } },
    async (req, reply) => {
      if (!allowPage(req, reply, manageCirculars, undefined)) return reply;
      const sent = sentValues(req);
      const input = {
        initials: String(sent.initials ?? ''),
        issuedOn: String(sent.issuedOn ?? ''),
        addressees: asList(sent.addressees),
        copyTo: asList(sent.copyTo),
      };
      try {
        formBody(req); // refuses the fields the input rule refused
        await circulars.issueCircular(ctx, req.actor, idOf(req), input as circulars.IssueInput);
        return redirectWithNotice(reply, `/meetings/${idOf(req)}/circular/manage`, 'created');
      } catch (error) {
        const { form, status } = formFailure(error, { ...sent, addressees: input.addressees, copyTo: input.copyTo });
        return showManage(req, reply, form, status);
      }
    },
  );

  // ---- API
  const tags = ['circulars'];
  const Version = z.object({
    id: z.number(),
    number: z.number(),
    version: z.number(),
    corrigendum: z.number().nullable().describe('null for the circular itself, 1 for its first corrigendum, …'),
    initials: z.string(),
    issuedOn: z.string(),
    html: z.record(z.string(), z.string()).describe('Page URL per language'),
    pdf: z.record(z.string(), z.string()).describe('PDF URL per language'),
  });
  const toVersion = (meetingId: number, row: circulars.CircularRow) => {
    const base = `${ctx.config.baseUrl.replace(/\/$/, '')}/meetings/${meetingId}/circular`;
    return {
      id: row.id,
      number: row.number,
      version: row.version,
      corrigendum: row.version > 1 ? row.version - 1 : null,
      initials: row.initials,
      issuedOn: row.issuedOn,
      html: Object.fromEntries(locales.map((l) => [l, `${base}?lang=${l}&version=${row.version}`])),
      pdf: Object.fromEntries(locales.map((l) => [l, `${base}.pdf?lang=${l}&version=${row.version}`])),
    };
  };
  app.get(
    '/api/meetings/:id/circulars',
    {
      config: { access: anyone },
      schema: {
        operationId: 'listCirculars',
        tags,
        summary: 'Issued versions of the meeting’s invitation circular (the circular, then its corrigenda)',
        params: z.object({ id: idParam() }),
        response: { 200: z.object({ versions: z.array(Version) }) },
      },
    },
    async (req) => {
      await getMeeting(ctx, req.params.id);
      const rows = await circulars.listCirculars(ctx, req.params.id);
      return { versions: rows.map((r) => toVersion(req.params.id, r)) };
    },
  );
  app.post(
    '/api/meetings/:id/circulars',
    {
      config: { access: byPolicy(manageCirculars, 'secretariat') },
      schema: {
        operationId: 'issueCircular',
        tags,
        security: [{ bearer: [] }],
        summary: 'Issue the circular, or a corrigendum when one was issued (secretariat)',
        description:
          'Captures the meeting’s data as it is now; the issued version never changes. A corrigendum that would change nothing is refused (409 circular-unchanged).',
        params: z.object({ id: idParam() }),
        body: z.object({
          initials: z.string().max(40).optional(),
          issuedOn: z.string().optional().describe('YYYY-MM-DD; today in the meeting’s time zone when omitted'),
          addressees: z.array(z.enum(addresseeKeys)).optional(),
          copyTo: z.array(z.enum(copyToKeys)).optional(),
        }),
        response: { 201: Version, ...problems(403, 409) },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const row = await circulars.issueCircular(ctx, actor, req.params.id, req.body);
      return reply.code(201).send(toVersion(req.params.id, row));
    },
  );
}
