import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { byPolicy } from '../../platform/http/access.ts';
import { formPage } from '../../platform/http/form-page.ts';
import { noticeFrom, redirectWithNotice } from '../../platform/http/forms.ts';
import { allowPage } from '../../platform/http/page-guard.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { emptyForm } from '../../platform/ui/forms.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { toId } from '../../platform/validation.ts';
import { remotePaths as paths } from './paths.ts';
import { manageRemoteAccess } from './policies.ts';
import * as remote from './service.ts';
import { RemoteFormPage } from './views.tsx';

const idOf = (req: FastifyRequest) => toId((req.params as { id: string }).id);
const FIELDS = ['link', 'meetingCode', 'passcode', 'dialIn', 'notes'] as const;

/** Form → service input: "whole_link", "sessions_12_passcode" (12 is the session's id), "daysBefore". */
function remoteFromForm(body: Record<string, unknown>): remote.RemoteAccessInput {
  const whole: Record<string, string> = {};
  const sessions: Record<string, Record<string, string>> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value !== 'string') continue;
    const w = /^whole_(\w+)$/.exec(key);
    const s = /^sessions_(\d{1,9})_(\w+)$/.exec(key);
    const field = (w?.[1] ?? s?.[2]) as (typeof FIELDS)[number] | undefined;
    if (!field || !FIELDS.includes(field)) continue;
    if (w) whole[field] = value;
    else if (s) sessions[s[1]!] = { ...sessions[s[1]!], [field]: value };
  }
  return { daysBefore: body.daysBefore as string, whole, sessions };
}

function settingsToForm(settings: remote.RemoteSettings): Record<string, unknown> {
  const values: Record<string, unknown> = { daysBefore: settings.daysBefore };
  for (const [sessionId, block] of settings.blocks) {
    const prefix = sessionId === 0 ? 'whole' : `sessions_${sessionId}`;
    for (const f of FIELDS) values[`${prefix}_${f}`] = block[f];
  }
  return values;
}

export async function remotePages(app: FastifyInstance, ctx: AppContext) {
  formPage(app, paths.settings.pattern, {
    access: byPolicy(manageRemoteAccess, 'secretariat'),
    initial: async (req, reply) =>
      allowPage(req, reply, manageRemoteAccess, undefined)
        ? emptyForm(settingsToForm(await remote.remoteSettings(ctx, req.actor, idOf(req))))
        : reply,
    show: async (req, reply, form, status) => {
      const settings = await remote.remoteSettings(ctx, req.actor, idOf(req));
      return sendPage(reply, RemoteFormPage({ ctx: viewContext(req), detail: settings.detail, form, notice: noticeFrom(req) }), status);
    },
    submit: async (req, reply, body) => {
      await remote.saveRemoteAccess(ctx, req.actor, idOf(req), remoteFromForm(body));
      return redirectWithNotice(reply, paths.settings({ id: idOf(req) }), 'saved');
    },
  });
}
