import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { anyone, byPolicy } from '../../platform/http/access.ts';
import { flattenForm, unflattenForm } from '../../platform/http/form-data.ts';
import { formBody, formFailure, noticeFrom, sentValues } from '../../platform/http/forms.ts';
import { allowPage } from '../../platform/http/page-guard.ts';
import { documentedEnum, problems } from '../../platform/http/problem.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { type Locale, pick, translator } from '../../platform/i18n/index.ts';
import { may } from '../../platform/policy.ts';
import { deadlineClosesAt } from '../../platform/time.ts';
import { emptyForm, type FormState } from '../../platform/ui/forms.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { renderSlot } from '../../platform/ui/slots.ts';
import { idParam, toId } from '../../platform/validation.ts';
import { findGroup } from '../groups/service.ts';
import { meetingIcs, meetingsIcs } from './calendar.ts';
import { meetingPaths } from './paths.ts';
import { manageMeetings } from './policies.ts';
import { deadlineWarnings, type MeetingWarning } from './rules.ts';
import * as meetings from './service.ts';
import { meetingAdminLinks, meetingLead, meetingLinks, meetingSections, meetingSessionNotes } from './slots.ts';
import { MeetingFormPage } from './views/meeting-form.tsx';
import { MeetingPage } from './views/meeting-page.tsx';
import {
  type DeadlineKind,
  deadlineLabel,
  latePolicies,
  meetingModes,
  participantListVisibilities,
  workingLanguages,
} from './vocabulary.ts';

const hide = { schema: { hide: true } };

/** Form → service input: languages may arrive as one value or many; empty session rows are ignored. */
function meetingFromForm(body: Record<string, unknown>): meetings.MeetingInput {
  const input = unflattenForm(body) as Record<string, unknown>;
  const langs = input.languages;
  input.languages = Array.isArray(langs) ? langs : langs ? [langs] : [];
  const rows = Array.isArray(input.sessions) ? (input.sessions as Record<string, unknown>[]) : [];
  input.sessions = rows.filter((r) => r && (r.subgroup || r.startDate || r.endDate));
  return input as meetings.MeetingInput;
}

function meetingToForm(detail: meetings.MeetingDetail): Record<string, unknown> {
  const { languages, ...rest } = meetings.meetingAsInput(detail);
  return { ...flattenForm(rest), languages };
}

export async function meetingRoutes(scope: FastifyInstance, ctx: AppContext) {
  const app = scope.withTypeProvider<ZodTypeProvider>();

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

  app.get(meetingPaths.newInGroup.pattern, { ...hide, config: { access: byPolicy(manageMeetings, 'secretariat') } }, async (req, reply) => {
    if (!allowPage(req, reply, manageMeetings, undefined)) return reply;
    const groupCode = (req.params as { code: string }).code;
    return showForm(req, reply, { groupCode, form: emptyForm({ mode: 'in-person', languages: ['en'] }) });
  });
  app.post(
    meetingPaths.createInGroup.pattern,
    { ...hide, config: { access: byPolicy(manageMeetings, 'secretariat') } },
    async (req, reply) => {
      const groupCode = (req.params as { code: string }).code;
      try {
        const body = formBody(req);
        const saved = await meetings.createMeeting(ctx, req.actor, groupCode, meetingFromForm(body));
        return reply.redirect(`/meetings/${saved.detail.meeting.id}?notice=created`, 303);
      } catch (error) {
        const { form, status } = formFailure(error, sentValues(req));
        return showForm(req, reply, { groupCode, form, status });
      }
    },
  );

  app.get(meetingPaths.meeting.pattern, { ...hide, config: { access: anyone } }, async (req, reply) => {
    const raw = (req.params as { id: string }).id;
    const isIcs = raw.endsWith('.ics');
    const detail = await meetings.getMeeting(ctx, toId(isIcs ? raw.slice(0, -4) : raw));
    if (isIcs) {
      return reply
        .type('text/calendar; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="meeting-${detail.meeting.id}.ics"`)
        .send(meetingIcs(ctx, detail, req.locale));
    }
    const warnings = deadlineWarnings(detail.deadlines, detail.firstDay);
    // Independent reads, together: on PostgreSQL they overlap instead of queueing.
    const mayManage = may(req.actor, manageMeetings, undefined);
    const [lead, sessionNotes, sections, adminLinks, links] = await Promise.all([
      renderSlot(meetingLead, ctx, req, detail),
      renderSlot(meetingSessionNotes, ctx, req, detail),
      renderSlot(meetingSections, ctx, req, detail),
      mayManage ? renderSlot(meetingAdminLinks, ctx, req, { meetingId: detail.meeting.id }) : [],
      renderSlot(meetingLinks, ctx, req, detail),
    ]);
    return sendPage(
      reply,
      MeetingPage({
        ctx: viewContext(req),
        detail,
        now: ctx.clock.now(),
        warnings,
        notice: noticeFrom(req),
        lead: lead.map((p) => p.part),
        sessionNotes: sessionNotes.map((p) => p.part),
        sections: sections.map((p) => p.part),
        adminLinks: adminLinks.flatMap((p) => p.part),
        links: links.flatMap((p) => p.part),
        mayManage,
      }),
    );
  });

  // A group's meetings, sessions and deadlines, to subscribe to in a calendar app.
  app.get(meetingPaths.groupCalendar.pattern, { ...hide, config: { access: anyone } }, async (req, reply) => {
    const group = await findGroup(ctx, (req.params as { code: string }).code);
    const list = await meetings.listGroupMeetings(ctx, group);
    return reply
      .type('text/calendar; charset=utf-8')
      .header('Content-Disposition', `inline; filename="${group.code.replace(/[^\w-]/g, '_')}.ics"`)
      .header('Cache-Control', 'public, max-age=300')
      .send(meetingsIcs(ctx, `${group.code} – ${pick(group.name, req.locale)}`, list, req.locale));
  });

  app.get(meetingPaths.edit.pattern, { ...hide, config: { access: byPolicy(manageMeetings, 'secretariat') } }, async (req, reply) => {
    if (!allowPage(req, reply, manageMeetings, undefined)) return reply;
    const detail = await meetings.getMeeting(ctx, toId((req.params as { id: string }).id));
    return showForm(req, reply, {
      groupCode: detail.group.code,
      meetingId: detail.meeting.id,
      form: emptyForm(meetingToForm(detail)),
      warnings: deadlineWarnings(detail.deadlines, detail.firstDay),
    });
  });
  app.post(meetingPaths.edit.pattern, { ...hide, config: { access: byPolicy(manageMeetings, 'secretariat') } }, async (req, reply) => {
    const id = toId((req.params as { id: string }).id);
    try {
      const body = formBody(req);
      const saved = await meetings.updateMeeting(ctx, req.actor, id, meetingFromForm(body));
      return reply.redirect(`/meetings/${saved.detail.meeting.id}?notice=saved`, 303);
    } catch (error) {
      const { form, status } = formFailure(error, sentValues(req));
      const detail = await meetings.getMeeting(ctx, id);
      return showForm(req, reply, { groupCode: detail.group.code, meetingId: id, form, status });
    }
  });

  // ---- API
  const tags = ['meetings'];
  const DeadlineDates = z.object({ registration: z.string(), visaSupport: z.string(), contributions: z.string() });
  const Meeting = z.object({
    id: z.number(),
    groupCode: z.string(),
    title: z.string(),
    titles: z.record(z.string(), z.string()),
    url: z.string(),
    venue: z.object({ name: z.string(), city: z.string(), country: z.string(), timeZone: z.string() }),
    mode: z.enum(meetingModes),
    languages: z.array(documentedEnum(workingLanguages)),
    sessions: z.array(
      z.object({
        id: z.number().describe('For /api/sessions/{id}/agenda'),
        subgroup: z.string(),
        title: z.string(),
        startDate: z.string(),
        endDate: z.string(),
      }),
    ),
    deadlines: DeadlineDates.describe('Calendar dates; each closes at the end of that day in the venue time zone'),
    deadlineInstants: DeadlineDates.describe('The UTC instant at which each deadline closes'),
    practicalInfo: z.string(),
    settings: z.object({
      inPersonCapacity: z.number().nullable(),
      participantListVisibility: documentedEnum(participantListVisibilities),
      lateContributions: documentedEnum(['flag', 'refuse']),
    }),
  });
  const Saved = Meeting.extend({ warnings: z.array(z.object({ code: z.string(), deadline: z.string().optional(), message: z.string() })) });
  const present = (d: meetings.MeetingDetail, locale: Locale): z.infer<typeof Meeting> => {
    const m = d.meeting;
    const instant = (kind: DeadlineKind) => deadlineClosesAt(d.deadlines[kind], m.timeZone).toISOString();
    return {
      id: m.id,
      groupCode: d.group.code,
      title: pick(m.title, locale),
      titles: m.title,
      url: `${ctx.config.baseUrl}/meetings/${m.id}`,
      venue: { name: m.venueName, city: m.venueCity, country: m.venueCountry, timeZone: m.timeZone },
      mode: m.mode,
      languages: m.languages,
      sessions: d.sessions.map((s) => ({
        id: s.id,
        subgroup: s.subgroup,
        title: pick(s.subgroupTitle, locale),
        startDate: s.startDate,
        endDate: s.endDate,
      })),
      deadlines: d.deadlines,
      deadlineInstants: {
        registration: instant('registration'),
        visaSupport: instant('visaSupport'),
        contributions: instant('contributions'),
      },
      practicalInfo: pick(m.practicalInfo, locale),
      settings: {
        inPersonCapacity: m.inPersonCapacity,
        participantListVisibility: m.participantListVisibility,
        lateContributions: m.lateContributions,
      },
    };
  };
  const presentSaved = (s: meetings.SavedMeeting, locale: Locale) => {
    const t = translator(locale);
    return {
      ...present(s.detail, locale),
      warnings: s.warnings.map((w) => ({
        code: w.code,
        ...(w.code === 'deadline-after-first-day' ? { deadline: w.deadline } : {}),
        message:
          w.code === 'visa-after-registration'
            ? t('warning.visaAfterRegistration')
            : t('warning.deadlineAfterFirstDay', { deadline: t(deadlineLabel[w.deadline]) }),
      })),
    };
  };
  const MeetingBody = z
    .object({
      title: z.record(z.string(), z.string()),
      venue: z.object({ name: z.string().optional(), city: z.string().optional(), country: z.string().optional(), timeZone: z.string() }),
      mode: documentedEnum(meetingModes),
      languages: z.array(documentedEnum(workingLanguages)).optional(),
      practicalInfo: z.record(z.string(), z.string()).optional(),
      sessions: z.array(z.object({ subgroup: z.string(), startDate: z.string(), endDate: z.string() })),
      deadlines: z
        .object({ registration: z.string().optional(), visaSupport: z.string().optional(), contributions: z.string().optional() })
        .optional(),
      inPersonCapacity: z.number().nullable().optional(),
      participantListVisibility: z.enum(participantListVisibilities).optional(),
      lateContributions: z.enum(latePolicies).optional().describe('After the contribution deadline: accept and mark late, or refuse'),
    })
    .describe('Deadlines left out take the group’s rules (days before the first session).');

  app.get(
    '/api/groups/:code/meetings',
    {
      config: { access: anyone },
      schema: {
        operationId: 'listGroupMeetings',
        tags,
        summary: 'Meetings of a group, by first day',
        params: z.object({ code: z.string() }),
        response: { 200: z.array(Meeting) },
      },
    },
    async (req) => (await meetings.listGroupMeetings(ctx, req.params.code)).map((d) => present(d, req.locale)),
  );
  app.get(
    '/api/meetings/:id',
    {
      config: { access: anyone },
      schema: {
        operationId: 'getMeeting',
        tags,
        summary: 'A meeting with sessions and key deadlines',
        params: z.object({ id: idParam() }),
        response: { 200: Meeting },
      },
    },
    async (req) => present(await meetings.getMeeting(ctx, req.params.id), req.locale),
  );
  app.post(
    '/api/groups/:code/meetings',
    {
      config: { access: byPolicy(manageMeetings, 'secretariat') },
      schema: {
        operationId: 'createMeeting',
        tags,
        security: [{ bearer: [] }],
        summary: 'Create a meeting (secretariat)',
        params: z.object({ code: z.string() }),
        body: MeetingBody,
        response: { 201: Saved, ...problems(403) },
      },
    },
    async (req, reply) => {
      const saved = await meetings.createMeeting(ctx, req.actor, req.params.code, req.body as meetings.MeetingInput);
      return reply.code(201).send(presentSaved(saved, req.locale));
    },
  );
  app.patch(
    '/api/meetings/:id',
    {
      config: { access: byPolicy(manageMeetings, 'secretariat') },
      schema: {
        operationId: 'updateMeeting',
        tags,
        security: [{ bearer: [] }],
        summary: 'Change a meeting (secretariat); fields left out keep their values',
        params: z.object({ id: idParam() }),
        body: MeetingBody.partial(),
        response: { 200: Saved, ...problems(403) },
      },
    },
    async (req) => {
      const current = await meetings.getMeeting(ctx, req.params.id);
      const body = req.body as Partial<meetings.MeetingInput>;
      const base = meetings.meetingAsInput(current);
      const merged = {
        ...base,
        ...body,
        venue: { ...base.venue, ...body.venue },
        deadlines: { ...base.deadlines, ...body.deadlines },
      } as meetings.MeetingInput;
      const saved = await meetings.updateMeeting(ctx, req.actor, req.params.id, merged);
      return presentSaved(saved, req.locale);
    },
  );
}
