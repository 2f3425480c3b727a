import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import { byPolicy } from '../../platform/http/access.ts';
import { formPage } from '../../platform/http/form-page.ts';
import { formFailure, noticeFrom, redirectWithNotice } from '../../platform/http/forms.ts';
import { readUpload, type Upload } from '../../platform/http/multipart.ts';
import { signedIn } from '../../platform/http/page-guard.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { pick } from '../../platform/i18n/index.ts';
import { emptyForm, type FormState } from '../../platform/ui/forms.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { toId } from '../../platform/validation.ts';
import { isOneOf } from '../../platform/vocabulary.ts';
import { acceptFile, usingStoredFile } from '../documents/files.ts';
import { readDocuments } from '../documents/policies.ts';
import { documentByNumber } from '../documents/queries.ts';
import { findGroup, type GroupRow } from '../groups/service.ts';
import { listGroupMeetings } from '../meetings/service.ts';
import { liaisonPaths as paths } from './paths.ts';
import { manageLiaisons } from './policies.ts';
import * as service from './service.ts';
import { LiaisonFormPage, LiaisonPage, LiaisonRegisterPage } from './views/liaison-pages.tsx';
import { liaisonDirections } from './vocabulary.ts';

const hide = { schema: { hide: true } };
const codeOf = (req: FastifyRequest) => String((req.params as { code: string }).code);
const idOf = (req: FastifyRequest) => toId((req.params as { id: string }).id);
const manage = byPolicy(manageLiaisons, 'officers');
const read = byPolicy(readDocuments, 'readers');

export async function liaisonPages(app: FastifyInstance, ctx: AppContext) {
  app.get(paths.register.pattern, { ...hide, config: { access: read } }, async (req, reply) => {
    const { group, rows } = await service.listLiaisons(ctx, req.actor, codeOf(req));
    const mayManage = await service.mayManageLiaisons(ctx, req.actor, group.id);
    return sendPage(reply, LiaisonRegisterPage({ ctx: viewContext(req), group, rows, mayManage, notice: noticeFrom(req) }));
  });

  app.get(paths.liaison.pattern, { ...hide, config: { access: read } }, async (req, reply) => {
    const { group, ls } = await service.getLiaison(ctx, req.actor, idOf(req));
    const mayManage = await service.mayManageLiaisons(ctx, req.actor, group.id);
    return sendPage(reply, LiaisonPage({ ctx: viewContext(req), group, ls, mayManage, notice: noticeFrom(req) }));
  });

  /** The form's choices: the group's meetings, and its statements one may answer. */
  const choices = async (req: FastifyRequest, group: GroupRow, except?: number) => {
    const [meetings, { rows }] = await Promise.all([listGroupMeetings(ctx, group), service.listLiaisons(ctx, req.actor, group.code)]);
    return {
      meetings: meetings.map((m) => ({ value: String(m.meeting.id), label: pick(m.meeting.title, req.locale) })),
      statements: rows
        .filter((r) => r.id !== except)
        .map((r) => ({ value: String(r.id), label: r.documentNumber ? `${r.documentNumber} — ${r.title}` : r.title })),
    };
  };
  /** A page of the group's managers: nobody signed in goes to the login form and back; others are refused. */
  const managerOf = async (req: FastifyRequest, reply: FastifyReply, groupId: number): Promise<boolean> => {
    if (!signedIn(req, reply)) return false;
    if (!(await service.mayManageLiaisons(ctx, req.actor, groupId))) throw new ForbiddenError();
    return true;
  };

  // ---- registering: a multipart form, for the statement's file as received
  const showCreate = async (req: FastifyRequest, reply: FastifyReply, group: GroupRow, form: FormState, status = 200) =>
    sendPage(reply, LiaisonFormPage({ ctx: viewContext(req), group, form, ...(await choices(req, group)) }), status);

  app.get(paths.create.pattern, { ...hide, config: { access: manage } }, async (req, reply) => {
    const group = await findGroup(ctx, codeOf(req));
    if (!(await managerOf(req, reply, group.id))) return reply;
    const query = req.query as Record<string, unknown>;
    const direction = isOneOf(liaisonDirections, query.direction) ? query.direction : 'incoming';
    const defaults: Record<string, unknown> = {
      direction,
      purpose: 'action',
      // The group's own name on its side of the statement.
      [direction === 'incoming' ? 'toBody' : 'fromBody']: group.code,
      contactName: req.actor ? `${req.actor.givenName} ${req.actor.familyName}`.trim() : '',
      contactEmail: req.actor?.email ?? '',
      replyTo: typeof query.replyTo === 'string' ? query.replyTo : '',
    };
    if (direction === 'incoming') {
      defaults.contactName = '';
      defaults.contactEmail = '';
    }
    const original = toId(query.replyTo);
    if (original) {
      const answered = await service.getLiaison(ctx, req.actor, original).catch(() => null);
      if (answered && answered.group.id === group.id) {
        defaults.title = req.t('liaison.replyTitle', { title: answered.ls.title });
        defaults[direction === 'incoming' ? 'fromBody' : 'toBody'] = direction === 'incoming' ? answered.ls.toBody : answered.ls.fromBody;
        defaults.meetingId = answered.ls.meetingId ? String(answered.ls.meetingId) : '';
      }
    }
    // "From output document FGMV-O-003": the outgoing statement links that document as its text (not a copy:
    // the output document stays the one text, its revisions seen by both), its title and meeting taken from it.
    const from = typeof query.from === 'string' ? query.from.trim() : '';
    if (from) {
      const doc = await documentByNumber(ctx.db, from).catch(() => null);
      defaults.documentNumber = from.toUpperCase();
      if (doc && doc.groupId === group.id) {
        defaults.title = doc.title;
        defaults.meetingId = doc.meetingId ? String(doc.meetingId) : '';
        defaults.purpose = 'information';
      }
    }
    return showCreate(req, reply, group, emptyForm(defaults));
  });

  app.post(paths.create.pattern, { ...hide, config: { access: manage, multipart: true } }, async (req, reply) => {
    const group = await findGroup(ctx, codeOf(req));
    // Decided before the body is read, so a refused request stores nothing.
    if (!(await managerOf(req, reply, group.id))) return reply;
    let upload: Upload | undefined;
    try {
      upload = await readUpload(req, ctx);
      const { fields, file } = upload;
      const row = await usingStoredFile(ctx, file, async () =>
        service.createLiaison(ctx, req.actor, group.code, fields as service.LiaisonInput, file ? await acceptFile(ctx, file) : undefined),
      );
      return redirectWithNotice(reply, paths.liaison({ id: row.id }), 'created');
    } catch (error) {
      const { form, status } = formFailure(error, upload?.fields ?? {});
      return showCreate(req, reply, group, form, status);
    }
  });

  // ---- editing: the statement's fields (its document is named by number)
  const showEdit = async (req: FastifyRequest, reply: FastifyReply, form: FormState, status: number) => {
    const { group } = await service.getLiaison(ctx, req.actor, idOf(req));
    return sendPage(
      reply,
      LiaisonFormPage({ ctx: viewContext(req), group, form, editing: idOf(req), ...(await choices(req, group, idOf(req))) }),
      status,
    );
  };
  formPage(app, paths.edit.pattern, {
    access: manage,
    signIn: true,
    initial: async (req, reply) => {
      const { group, ls } = await service.getLiaison(ctx, req.actor, idOf(req));
      if (!(await managerOf(req, reply, group.id))) return reply;
      const input = await service.liaisonAsInput(ctx.db, ls);
      return emptyForm(Object.fromEntries(Object.entries(input).map(([k, v]) => [k, String(v ?? '')])));
    },
    show: showEdit,
    submit: async (req, reply, body) => {
      await service.updateLiaison(ctx, req.actor, idOf(req), body as Partial<service.LiaisonInput>);
      return redirectWithNotice(reply, paths.liaison({ id: idOf(req) }), 'saved');
    },
  });
}
