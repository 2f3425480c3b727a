import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { anyone, byPolicy } from '../../platform/http/access.ts';
import { confirmedOrAsk } from '../../platform/http/confirm-step.ts';
import { sendStoredFile } from '../../platform/http/downloads.ts';
import { formPage } from '../../platform/http/form-page.ts';
import { noticeFrom, redirectWithNotice } from '../../platform/http/forms.ts';
import { allowPage } from '../../platform/http/page-guard.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { isLocale, type Locale, pick } from '../../platform/i18n/index.ts';
import { may } from '../../platform/policy.ts';
import { emptyForm, type FormState } from '../../platform/ui/forms.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { toId } from '../../platform/validation.ts';
import { getMeeting } from '../meetings/service.ts';
import { buildLetter } from './letter.ts';
import { circularPaths as paths } from './paths.ts';
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
const withLists = (form: FormState): FormState => ({
  ...form,
  values: { ...form.values, addressees: asList(form.values.addressees), copyTo: asList(form.values.copyTo) },
});

export async function circularPages(app: FastifyInstance, ctx: AppContext) {
  app.get(paths.circular.pattern, { ...hide, config: { access: anyone } }, async (req, reply) => {
    const id = idOf(req);
    const detail = await getMeeting(ctx, id);
    const versions = await circulars.listCirculars(ctx, id);
    if (versions.length === 0 && may(req.actor, manageCirculars, undefined)) return reply.redirect(paths.manage({ id }), 303);
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

  app.get(paths.pdf.pattern, { ...hide, config: { access: anyone } }, async (req, reply) => {
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
  app.get(paths.manage.pattern, { ...hide, config: { access: byPolicy(manageCirculars, 'secretariat') } }, (req, reply) =>
    showManage(req, reply),
  );
  formPage(app, paths.issue.pattern, {
    access: byPolicy(manageCirculars, 'secretariat'),
    postOnly: true,
    show: showManage,
    submit: async (req, reply, body) => {
      if (!allowPage(req, reply, manageCirculars, undefined)) return reply;
      const input = {
        initials: String(body.initials ?? ''),
        issuedOn: String(body.issuedOn ?? ''),
        addressees: asList(body.addressees),
        copyTo: asList(body.copyTo),
      } as circulars.IssueInput;
      const asked = await confirmedOrAsk(
        req,
        reply,
        async () => {
          const { title, corrigendum } = await circulars.issuePreview(ctx, req.actor, idOf(req), input);
          return {
            title: corrigendum ? req.t('circular.confirm.corrigendum', { corrigendum }) : req.t('circular.confirm.first'),
            subject: pick(title, req.locale),
            consequences: [
              req.t(corrigendum ? 'circular.confirm.replaces' : 'circular.confirm.number'),
              req.t('circular.confirm.public'),
              req.t('circular.immutable'),
            ],
            confirmLabel: req.t(corrigendum ? 'circular.issueCorrigendumButton' : 'circular.issueButton'),
            cancelHref: paths.manage({ id: idOf(req) }),
          };
        },
        (values) => showManage(req, reply, withLists({ values, errors: [] }), 200),
      );
      if (!asked) return reply;
      await circulars.issueCircular(ctx, req.actor, idOf(req), input);
      return redirectWithNotice(reply, paths.manage({ id: idOf(req) }), 'created');
    },
    refill: withLists,
  });
}
