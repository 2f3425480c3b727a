import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { anyone, byPolicy } from '../../platform/http/access.ts';
import { documentedEnum, problems } from '../../platform/http/problem.ts';
import { type Locale, pick, translator } from '../../platform/i18n/index.ts';
import { deadlineClosesAt } from '../../platform/time.ts';
import { idParam } from '../../platform/validation.ts';
import { registrationApprovals } from '../groups/vocabulary.ts';
import { meetingPaths } from './paths.ts';
import { manageMeetings } from './policies.ts';
import * as meetings from './service.ts';
import {
  type DeadlineKind,
  deadlineLabel,
  latePolicies,
  meetingModes,
  participantListVisibilities,
  workingLanguages,
} from './vocabulary.ts';

/** The stored venue without the texts the request gives anew: a plain `name` replaces the stored `names`, and so on. */
function withoutReplaced(stored: meetings.MeetingInput['venue'], given: object): meetings.MeetingInput['venue'] {
  const kept: Record<string, unknown> = { ...stored };
  for (const [plain, translations] of [
    ['name', 'names'],
    ['city', 'cities'],
  ]) {
    if (plain! in given || translations! in given) {
      delete kept[plain!];
      delete kept[translations!];
    }
  }
  return kept as meetings.MeetingInput['venue'];
}

/** Meetings with their sessions and deadlines, for API clients; documented from the schemas the routes validate with. */
export async function meetingApi(scope: FastifyInstance, ctx: AppContext) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['meetings'];
  const Translations = z.record(z.string(), z.string()).describe('The text by language code (en, fr, es, ru, zh, ar)');
  const ClockTime = z.string({ message: 'error.time' }).describe('HH:MM, 24-hour');
  const DeadlineDates = z.object({ registration: z.string(), visaSupport: z.string(), contributions: z.string() });
  const Meeting = z.object({
    id: z.number(),
    groupCode: z.string(),
    title: z.string(),
    titles: z.record(z.string(), z.string()),
    url: z.string(),
    venue: z.object({
      name: z.string().describe('In the language of the request, else English'),
      names: Translations,
      city: z.string().describe('In the language of the request, else English'),
      cities: Translations,
      country: z.string(),
      timeZone: z.string(),
    }),
    mode: z.enum(meetingModes),
    languages: z.array(documentedEnum(workingLanguages)),
    sessions: z.array(
      z.object({
        id: z.number().describe('For /api/sessions/{id}/agenda'),
        subgroup: z.string(),
        title: z.string(),
        startDate: z.string(),
        endDate: z.string(),
        startTime: ClockTime.nullable().describe('Each day’s start, local time in the venue time zone; null: no hours set'),
        endTime: ClockTime.nullable().describe('Each day’s end, local time in the venue time zone; null: no hours set'),
        room: z.string().describe('In the language of the request, else English; empty: none given'),
        rooms: Translations,
      }),
    ),
    deadlines: DeadlineDates.describe('Calendar dates; each closes at the end of that day in the venue time zone'),
    deadlineInstants: DeadlineDates.describe('The UTC instant at which each deadline closes'),
    practicalInfo: z.string(),
    settings: z.object({
      inPersonCapacity: z.number().nullable(),
      participantListVisibility: documentedEnum(participantListVisibilities),
      lateContributions: documentedEnum(['flag', 'refuse']),
      registrationApproval: documentedEnum(registrationApprovals)
        .nullable()
        .describe('Whether registrations wait for a focal point’s approval; null: as the group decides'),
      effectiveRegistrationApproval: documentedEnum(registrationApprovals).describe(
        'What applies: the meeting’s setting, else the group’s',
      ),
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
      url: `${ctx.config.baseUrl}${meetingPaths.meeting({ id: m.id })}`,
      venue: {
        name: pick(m.venueName, locale),
        names: m.venueName,
        city: pick(m.venueCity, locale),
        cities: m.venueCity,
        country: m.venueCountry,
        timeZone: m.timeZone,
      },
      mode: m.mode,
      languages: m.languages,
      sessions: d.sessions.map((s) => ({
        id: s.id,
        subgroup: s.subgroup,
        title: pick(s.subgroupTitle, locale),
        startDate: s.startDate,
        endDate: s.endDate,
        startTime: s.startTime,
        endTime: s.endTime,
        room: pick(s.room, locale),
        rooms: s.room,
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
        registrationApproval: m.registrationApproval,
        effectiveRegistrationApproval: m.registrationApproval ?? d.group.registrationApproval,
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
  /** A translatable text as one string (English) or by language; not both (422). */
  const plainOr = (what: string) => z.string().optional().describe(`${what} in English, replacing every translation`);
  const translationsOf = (what: string) => Translations.optional().describe(`${what} by language code, instead of the plain string`);
  const VenueBody = z.object({
    name: plainOr('The venue’s name'),
    names: translationsOf('The venue’s name'),
    city: plainOr('The city'),
    cities: translationsOf('The city'),
    country: z.string().optional(),
    timeZone: z.string(),
  });
  const MeetingBody = z
    .object({
      title: z.record(z.string(), z.string()),
      venue: VenueBody,
      mode: documentedEnum(meetingModes),
      languages: z.array(documentedEnum(workingLanguages)).optional(),
      practicalInfo: z.record(z.string(), z.string()).optional(),
      sessions: z.array(
        z.object({
          subgroup: z.string(),
          startDate: z.string(),
          endDate: z.string(),
          startTime: ClockTime.nullable().optional().describe('Each day’s start in the venue time zone; give both times or neither'),
          endTime: ClockTime.nullable().optional().describe('Each day’s end, after the start'),
          room: plainOr('The room'),
          rooms: translationsOf('The room'),
        }),
      ),
      deadlines: z
        .object({ registration: z.string().optional(), visaSupport: z.string().optional(), contributions: z.string().optional() })
        .optional(),
      inPersonCapacity: z.number().nullable().optional(),
      participantListVisibility: z.enum(participantListVisibilities).optional(),
      lateContributions: z.enum(latePolicies).optional().describe('After the contribution deadline: accept and mark late, or refuse'),
      registrationApproval: z
        .enum(registrationApprovals)
        .nullable()
        .optional()
        .describe('Whether registrations (but non-member experts’) wait for a focal point’s approval; null: as the group decides'),
    })
    .describe(
      'Deadlines left out take the group’s rules (days before the first session). A translatable text (venue name and city, a ' +
        'session’s room) is given either as a plain string, taken as English, or by language (`names`, `cities`, `rooms`), not both. ' +
        'A session’s hours are the same each of its days.',
    );

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
        body: MeetingBody.partial().extend({ venue: VenueBody.partial().optional().describe('Fields left out keep their values') }),
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
        venue: { ...withoutReplaced(base.venue, body.venue ?? {}), ...body.venue },
        deadlines: { ...base.deadlines, ...body.deadlines },
      } as meetings.MeetingInput;
      const saved = await meetings.updateMeeting(ctx, req.actor, req.params.id, merged);
      return presentSaved(saved, req.locale);
    },
  );
}
