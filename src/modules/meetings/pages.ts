import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { anyone, byPolicy } from '../../platform/http/access.ts';
import { flattenForm, unflattenForm } from '../../platform/http/form-data.ts';
import { formPage } from '../../platform/http/form-page.ts';
import { noticeFrom, redirectWithNotice } from '../../platform/http/forms.ts';
import { allowPage } from '../../platform/http/page-guard.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { pick } from '../../platform/i18n/index.ts';
import { may } from '../../platform/policy.ts';
import { emptyForm, type FormState } from '../../platform/ui/forms.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { renderSlot } from '../../platform/ui/slots.ts';
import { toId } from '../../platform/validation.ts';
import { findGroup } from '../groups/service.ts';
import { meetingIcs, meetingsIcs } from './calendar.ts';
import { meetingPaths as paths } from './paths.ts';
import { manageMeetings } from './policies.ts';
import { deadlineWarnings, type MeetingWarning } from './rules.ts';
import * as meetings from './service.ts';
import {
  meetingAdminLinks,
  meetingCallToAction,
  meetingLead,
  meetingLinks,
  meetingOfficerTools,
  meetingSections,
  meetingSessionNotes,
} from './slots.ts';
import { MeetingFormPage } from './views/meeting-form.tsx';
import { MeetingPage } from './views/meeting-page.tsx';

const hide = { schema: { hide: true } };
const secretariat = byPolicy(manageMeetings, 'secretariat');
const codeOf = (req: FastifyRequest) => (req.params as { code: string }).code;
const idOf = (req: FastifyRequest) => toId((req.params as { id: string }).id);

/** Form → service input: languages may arrive as one value or many; empty session rows are ignored. */
function meetingFromForm(body: Record<string, unknown>): meetings.MeetingInput {
  const input = unflattenForm(body) as Record<string, unknown>;
  const langs = input.languages;
  input.languages = Array.isArray(langs) ? langs : langs ? [langs] : [];
  const rows = Array.isArray(input.sessions) ? (input.sessions as Record<string, unknown>[]) : [];
  const filled = (v: unknown): boolean => (v && typeof v === 'object' ? Object.values(v).some(filled) : Boolean(v));
  input.sessions = rows.filter(filled);
  return input as meetings.MeetingInput;
}

function meetingToForm(detail: meetings.MeetingDetail): Record<string, unknown> {
  const { languages, ...rest } = meetings.meetingAsInput(detail);
  return { ...flattenForm(rest), languages };
}

export async function meetingPages(app: FastifyInstance, ctx: AppContext) {
  const showForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    options: { groupCode: string; meetingId?: number; form: FormState; status?: number; warnings?: MeetingWarning[] },
  ) => {
    const group = await findGroup(ctx, options.groupCode);
    const subgroups = await meetings.subgroupsForMeetingForm(ctx, group.id);
    return sendPage(
      reply,
      MeetingFormPage({
        ctx: viewContext(req),
        form: options.form,
        group,
        subgroups,
        meetingId: options.meetingId,
        warnings: options.warnings,
        notice: noticeFrom(req),
      }),
      options.status,
    );
  };

  app.get(paths.newInGroup.pattern, { ...hide, config: { access: secretariat } }, async (req, reply) => {
    if (!allowPage(req, reply, manageMeetings, undefined)) return reply;
    return showForm(req, reply, { groupCode: codeOf(req), form: emptyForm({ mode: 'in-person', languages: ['en'] }) });
  });
  formPage(app, paths.createInGroup.pattern, {
    access: secretariat,
    postOnly: true,
    show: (req, reply, form, status) => showForm(req, reply, { groupCode: codeOf(req), form, status }),
    submit: async (req, reply, body) => {
      const saved = await meetings.createMeeting(ctx, req.actor, codeOf(req), meetingFromForm(body));
      return redirectWithNotice(reply, paths.meeting({ id: saved.detail.meeting.id }), 'created');
    },
  });

  app.get(paths.meeting.pattern, { ...hide, config: { access: anyone } }, async (req, reply) => {
    const raw = (req.params as { id: string }).id;
    const isIcs = raw.endsWith('.ics');
    const detail = await meetings.getMeeting(ctx, toId(isIcs ? raw.slice(0, -4) : raw));
    if (isIcs) {
      return reply
        .type('text/calendar; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="meeting-${detail.meeting.id}.ics"`)
        .send(meetingIcs(ctx, detail, req.locale));
    }
    const warnings = deadlineWarnings(detail.deadlines, detail.firstDay, detail.contributionDeadlines);
    // Independent reads, together: on PostgreSQL they overlap instead of queueing.
    const mayManage = may(req.actor, manageMeetings, undefined);
    const [callToAction, lead, sessionNotes, sections, adminLinks, links, officerTools] = await Promise.all([
      renderSlot(meetingCallToAction, ctx, req, detail),
      renderSlot(meetingLead, ctx, req, detail),
      renderSlot(meetingSessionNotes, ctx, req, detail),
      renderSlot(meetingSections, ctx, req, detail),
      mayManage ? renderSlot(meetingAdminLinks, ctx, req, { meetingId: detail.meeting.id }) : [],
      renderSlot(meetingLinks, ctx, req, detail),
      // The secretariat has its own row of actions; the officers' tools are for the chairs.
      req.actor && !mayManage ? renderSlot(meetingOfficerTools, ctx, req, detail) : [],
    ]);
    return sendPage(
      reply,
      MeetingPage({
        ctx: viewContext(req),
        detail,
        now: ctx.clock.now(),
        warnings,
        notice: noticeFrom(req),
        callToAction: callToAction.map((p) => p.part),
        lead: lead.map((p) => p.part),
        sessionNotes: sessionNotes.map((p) => p.part),
        sections: sections.map((p) => p.part),
        adminLinks: adminLinks.flatMap((p) => p.part),
        links: links.flatMap((p) => p.part),
        officerTools: officerTools.flatMap((p) => p.part),
        mayManage,
      }),
    );
  });

  // A group's meetings, sessions and deadlines, to subscribe to in a calendar app.
  app.get(paths.groupCalendar.pattern, { ...hide, config: { access: anyone } }, async (req, reply) => {
    const group = await findGroup(ctx, codeOf(req));
    const list = await meetings.listGroupMeetings(ctx, group);
    return reply
      .type('text/calendar; charset=utf-8')
      .header('Content-Disposition', `inline; filename="${group.code.replace(/[^\w-]/g, '_')}.ics"`)
      .header('Cache-Control', 'public, max-age=300')
      .send(meetingsIcs(ctx, `${group.code} – ${pick(group.name, req.locale)}`, list, req.locale));
  });

  formPage(app, paths.edit.pattern, {
    access: secretariat,
    initial: async (req, reply) => {
      if (!allowPage(req, reply, manageMeetings, undefined)) return reply;
      return emptyForm(meetingToForm(await meetings.getMeeting(ctx, idOf(req))));
    },
    show: async (req, reply, form, status) => {
      const detail = await meetings.getMeeting(ctx, idOf(req));
      // The warnings come with the saved meeting; a failed submission shows only its errors.
      const warnings = status === 200 ? deadlineWarnings(detail.deadlines, detail.firstDay, detail.contributionDeadlines) : undefined;
      return showForm(req, reply, { groupCode: detail.group.code, meetingId: detail.meeting.id, form, status, warnings });
    },
    submit: async (req, reply, body) => {
      const saved = await meetings.updateMeeting(ctx, req.actor, idOf(req), meetingFromForm(body));
      return redirectWithNotice(reply, paths.meeting({ id: saved.detail.meeting.id }), 'saved');
    },
  });
}
