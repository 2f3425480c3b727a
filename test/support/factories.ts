import type { SignUpInput } from '../../src/modules/accounts/input.ts';
import type { Actor } from '../../src/modules/accounts/profile.ts';
import { type CircularRow, type IssueInput, issueCircular } from '../../src/modules/circulars/service.ts';
import { acceptFile } from '../../src/modules/documents/files.ts';
import { type SubmissionInput, type SubmittedDocument, submitDocument } from '../../src/modules/documents/submission.ts';
import type { DocumentType } from '../../src/modules/documents/vocabulary.ts';
import {
  type BureauInput,
  createGroup,
  type GroupInput,
  type GroupRow,
  getGroup,
  listBureaus,
  type OfficerInput,
  saveBureau,
  saveOfficer,
  saveSubgroup,
  subgroupLabel,
} from '../../src/modules/groups/service.ts';
import type { SubgroupKind } from '../../src/modules/groups/vocabulary.ts';
import { createMeeting, type MeetingDetail, type MeetingInput } from '../../src/modules/meetings/service.ts';
import type { DeadlineKind, MeetingMode } from '../../src/modules/meetings/vocabulary.ts';
import { register } from '../../src/modules/registrations/service.ts';
import type { RegistrationView } from '../../src/modules/registrations/view.ts';
import type { ParticipationMode } from '../../src/modules/registrations/vocabulary.ts';
import type { VisaRequestInput } from '../../src/modules/visas/input.ts';
import type { AppContext } from '../../src/platform/context.ts';
import { addDays, dateInZone } from '../../src/platform/time.ts';
import { pdfBytes } from './documents.ts';
import { visaJson } from './fixtures.ts';
import { makeUser } from './harness.ts';

/**
 * Test data made through the services, as the forms would make it: each factory creates the least that is
 * valid, with defaults a test can override, codes and addresses unique per call, and dates taken from the
 * harness's clock (`ctx.clock.now()`), so a meeting built "now" is open for registration, visa requests and
 * contributions whatever the clock says.
 */

/** A day as a test writes it: days from today (in the venue's time zone; negative = past), or an ISO date. */
export type Day = number | string;

/** The date `when` stands for, `today` being an ISO date. */
export function dayOf(today: string, when: Day): string {
  return typeof when === 'number' ? addDays(today, when) : when;
}

/** "WG5" → a WG numbered 5; "TG" → the group's TG (no number). Undefined for anything else. */
export function parseSubgroupLabel(label: string): { kind: SubgroupKind; number: number | null } | undefined {
  const m = /^(TG|WG)(\d{0,2})$/.exec(label.trim().toUpperCase());
  if (!m) return undefined;
  const number = m[2] ? Number(m[2]) : null;
  if (number === 0 || (m[1] === 'WG' && number === null)) return undefined;
  return { kind: m[1] as 'TG' | 'WG', number };
}

export type SessionSpec = string | { subgroup: string; startDate?: Day; endDate?: Day; days?: number };

export interface MeetingDates {
  /** When the first session starts (default: in 60 days, when every default deadline is still ahead). */
  startsIn?: Day;
  /** How many days each session lasts unless it says otherwise (default 2). */
  days?: number;
  /** The sessions: subgroup labels, or labels with their dates (default: one per subgroup offered). */
  sessions?: SessionSpec[];
  /**
   * Deadlines as days from today or ISO dates; one left out takes the group's rule. `translation` and `lateUntil`
   * are dates of the contribution deadline classes.
   */
  deadlines?: Partial<Record<DeadlineKind | 'translation' | 'lateUntil', Day>>;
}

/**
 * The sessions and deadlines of a meeting, as ISO dates, from `today` and what the test said; `labels` are the
 * subgroups a meeting meets in by default. Pure: the table tests check it (test/factories.test.ts).
 */
export function meetingDates(
  today: string,
  labels: readonly string[],
  options: MeetingDates = {},
): {
  sessions: { subgroup: string; startDate: string; endDate: string }[];
  deadlines: Partial<Record<DeadlineKind | 'translation' | 'lateUntil', string>>;
} {
  const first = dayOf(today, options.startsIn ?? 60);
  const length = options.days ?? 2;
  if (!Number.isInteger(length) || length < 1) throw new Error(`a session lasts at least one day, not ${length}`);
  const specs = options.sessions ?? labels;
  if (specs.length === 0) throw new Error('a meeting needs at least one session: give the group a subgroup, or say `sessions`');
  const sessions = specs.map((spec) => {
    const s = typeof spec === 'string' ? { subgroup: spec } : spec;
    const startDate = s.startDate === undefined ? first : dayOf(today, s.startDate);
    const endDate = s.endDate === undefined ? addDays(startDate, (s.days ?? length) - 1) : dayOf(today, s.endDate);
    return { subgroup: s.subgroup.toUpperCase(), startDate, endDate };
  });
  const deadlines: Partial<Record<DeadlineKind | 'translation' | 'lateUntil', string>> = {};
  for (const [kind, when] of Object.entries(options.deadlines ?? {}) as [DeadlineKind | 'translation' | 'lateUntil', Day | undefined][]) {
    if (when !== undefined) deadlines[kind] = dayOf(today, when);
  }
  return { sessions, deadlines };
}

/** The participation mode a registration takes unless told: remote where offered (no place, no visa), else in person. */
export function defaultMode(meetingMode: string, withVisa: boolean): ParticipationMode {
  if (withVisa || meetingMode === 'in-person') return 'in-person';
  return 'remote';
}

/**
 * A visa request that fits the meeting's dates: arriving the day before the first day, leaving the day after
 * the last, a passport issued three years before `today` and valid ten years; the rest as in fixtures.ts.
 */
export function visaRequestFor(
  meeting: { firstDay: string; lastDay: string },
  today: string,
  overrides: Partial<VisaRequestInput> = {},
): VisaRequestInput {
  return {
    ...visaJson,
    sex: 'M',
    passportIssuedOn: addDays(today, -3 * 365),
    passportExpiresOn: addDays(today, 10 * 365),
    arrivalDate: addDays(meeting.firstDay, -1),
    departureDate: addDays(meeting.lastDay, 1),
    ...overrides,
  };
}

let sequence = 0;
/** A number no other call in this test file got: for codes, titles and addresses. */
export const nextNumber = () => ++sequence;

export type Person = Actor & { password: string };

export type PersonOptions = Partial<SignUpInput> & { role?: 'participant' | 'secretariat' };

/**
 * A verified account (createVerifiedUser), a Member-State delegate unless told; the password is returned
 * so a test can sign in. The address is unique per call.
 */
export function buildPerson(ctx: AppContext, options: PersonOptions = {}): Promise<Person> {
  return makeUser(ctx, { category: 'member-state', ...options });
}

const secretariats = new WeakMap<AppContext, Promise<Person>>();
/** The secretariat account the factories act as: one per context, made on first use. */
export function secretariatOf(ctx: AppContext): Promise<Person> {
  let made = secretariats.get(ctx);
  if (!made) {
    made = buildPerson(ctx, { role: 'secretariat', category: 'non-member', givenName: 'Test', familyName: 'Secretariat' });
    secretariats.set(ctx, made);
  }
  return made;
}

export interface GroupOptions extends Partial<GroupInput> {
  /** Subgroup labels ("WG1", "TG"); default WG1 and WG2. */
  subgroups?: string[];
  /** The code of the bureau that issues the group's circulars: made if new, changed by `bureauFields` if given. */
  bureau?: string;
  /** The bureau's fields (a new bureau is named "Bureau <code>" unless told). */
  bureauFields?: Partial<BureauInput>;
  /** Officers in this order (named "Officer 1" … unless told); `accountEmail` links one to an account. */
  officers?: (Partial<OfficerInput> & { role: OfficerInput['role'] })[];
}

export type BuiltGroup = GroupRow & { subgroupLabels: string[] };

/** A group with subgroups (default WG1, WG2), made by the secretariat; its code is unique per call. */
export async function buildGroup(ctx: AppContext, overrides: GroupOptions = {}): Promise<BuiltGroup> {
  const { subgroups = ['WG1', 'WG2'], bureau, bureauFields, officers = [], ...fields } = overrides;
  const actor = await secretariatOf(ctx);
  const n = nextNumber();
  if (bureau) {
    const exists = (await listBureaus(ctx)).some((b) => b.code === bureau.toUpperCase());
    await saveBureau(ctx, actor, { ...(exists ? {} : { name: { en: `Bureau ${bureau}` } }), ...bureauFields, code: bureau });
  }
  const code = fields.code ?? `GRP-${n}`;
  const group = await createGroup(ctx, actor, { name: { en: `Test group ${n}` }, ...fields, code, bureau: bureau ?? '' });
  for (const label of subgroups) {
    const parsed = parseSubgroupLabel(label);
    if (!parsed) throw new Error(`not a subgroup label: ${label} (use WG<n> or TG)`);
    const title = parsed.kind === 'TG' ? 'Task group' : `Working group ${parsed.number}`;
    await saveSubgroup(ctx, actor, group.code, { ...parsed, title: { en: title } });
  }
  for (const [position, officer] of officers.entries()) {
    await saveOfficer(ctx, actor, group.code, { name: `Officer ${position + 1}`, position, ...officer });
  }
  return { ...group, subgroupLabels: subgroups.map((s) => s.toUpperCase()) };
}

export interface MeetingOptions
  extends MeetingDates,
    Partial<Omit<MeetingInput, 'sessions' | 'deadlines' | 'mode' | 'inPersonCapacity' | 'venue'>> {
  /** Default ITU headquarters, Geneva (Europe/Zurich); fields given replace those. */
  venue?: Partial<MeetingInput['venue']>;
  /** The group, or its code, or the options of a new one; default a new group (buildGroup) with WG1 and WG2. */
  group?: BuiltGroup | GroupRow | string | GroupOptions;
  mode?: MeetingMode;
  /** In-person places; default unlimited. */
  capacity?: number | null;
}

export type BuiltMeeting = MeetingDetail & { id: number };

/**
 * A hybrid meeting in Geneva starting in 60 days (`startsIn`), one session per subgroup of the group unless
 * `sessions` says otherwise; deadlines left out follow the group's rules, so all are still open.
 */
export async function buildMeeting(ctx: AppContext, options: MeetingOptions = {}): Promise<BuiltMeeting> {
  const { group: given, startsIn, days, sessions, deadlines, mode = 'hybrid', capacity = null, ...fields } = options;
  const group =
    typeof given === 'string' ? undefined : given && 'id' in given ? (given as GroupRow) : await buildGroup(ctx, given as GroupOptions);
  const code = typeof given === 'string' ? given : group!.code;
  const labels = group && 'subgroupLabels' in group ? (group as BuiltGroup).subgroupLabels : await subgroupLabelsOf(ctx, code);
  // A name or city given by language replaces the default's plain one (both would be refused).
  const { names, cities, ...plain } = fields.venue ?? {};
  const venue = {
    ...(names ? { names } : { name: 'ITU headquarters' }),
    ...(cities ? { cities } : { city: 'Geneva' }),
    country: 'CH',
    timeZone: 'Europe/Zurich',
    ...plain,
  };
  const today = dateInZone(ctx.clock.now(), venue.timeZone);
  const dates = meetingDates(today, labels, { startsIn, days, sessions, deadlines });
  const n = nextNumber();
  const { detail } = await createMeeting(ctx, await secretariatOf(ctx), code, {
    title: { en: `Test meeting ${n}` },
    languages: ['en'],
    ...fields,
    venue,
    mode,
    inPersonCapacity: capacity,
    sessions: dates.sessions,
    deadlines: dates.deadlines,
  });
  return { ...detail, id: detail.meeting.id };
}

async function subgroupLabelsOf(ctx: AppContext, code: string): Promise<string[]> {
  return (await getGroup(ctx, code)).subgroups.map(subgroupLabel);
}

export interface RegistrationOptions {
  meeting: BuiltMeeting | MeetingDetail;
  /** Default: a new Member-State delegate (buildPerson). */
  person?: Person | Actor;
  mode?: ParticipationMode;
  /** Session labels; default every session of the meeting. */
  sessions?: string[];
  /** `true` for a request that fits the meeting (visaRequestFor), or the request itself. */
  visaRequest?: true | VisaRequestInput;
}

export type BuiltRegistration = RegistrationView & { person: Person | Actor };

/** A registration through `register`, as the person would send it (consent given). */
export async function buildRegistration(ctx: AppContext, options: RegistrationOptions): Promise<BuiltRegistration> {
  const { meeting } = options;
  const person = options.person ?? (await buildPerson(ctx));
  const today = dateInZone(ctx.clock.now(), meeting.meeting.timeZone);
  const visaRequest = options.visaRequest === true ? visaRequestFor(meeting, today) : options.visaRequest;
  const { registration } = await register(ctx, person, meeting.meeting.id, {
    mode: options.mode ?? defaultMode(meeting.meeting.mode, visaRequest !== undefined),
    sessions: options.sessions ?? meeting.sessions.map((s) => s.subgroup),
    consent: true,
    ...(visaRequest ? { visaRequest } : {}),
  });
  return { ...registration, person };
}

export interface DocumentOptions extends Partial<SubmissionInput> {
  meeting: BuiltMeeting | MeetingDetail;
  /** Default: a new Member-State delegate; the secretariat for the types only staff may submit (TD, O). */
  author?: Person | Actor;
  type?: DocumentType;
  /** The file: a small PDF unless told. */
  file?: { name: string; content: Uint8Array };
}

/** A document submitted through `submitDocument`, its file stored and checked as an upload's would be. */
export async function buildDocument(ctx: AppContext, options: DocumentOptions): Promise<SubmittedDocument> {
  const { meeting, author: given, file, ...fields } = options;
  const type = fields.type ?? 'I';
  const author = given ?? (type === 'I' ? await buildPerson(ctx) : await secretariatOf(ctx));
  const title = fields.title ?? `Test contribution ${nextNumber()}`;
  const content = file?.content ?? pdfBytes(title);
  const stored = await ctx.files.putBuffer(content);
  const incoming = await acceptFile(ctx, { ...stored, filename: file?.name ?? 'contribution.pdf' });
  return submitDocument(
    ctx,
    author,
    meeting.meeting.id,
    {
      sources: ['Test'],
      keywords: [],
      contacts: [],
      workingGroups: [meeting.sessions[0]!.subgroup],
      ...fields,
      title,
      type,
    },
    incoming,
  );
}

/** The meeting's circular, issued by the secretariat (its group needs a bureau: buildGroup's `bureau`). */
export function buildCircular(ctx: AppContext, options: { meeting: BuiltMeeting | MeetingDetail } & IssueInput): Promise<CircularRow> {
  const { meeting, ...input } = options;
  return secretariatOf(ctx).then((actor) => issueCircular(ctx, actor, meeting.meeting.id, input));
}
