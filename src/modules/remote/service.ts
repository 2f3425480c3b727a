import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { ForbiddenError, UnauthenticatedError, ValidationError } from '../../platform/errors.ts';
import { type Locale, pick, type Translate, translator } from '../../platform/i18n/index.ts';
import { authorize, isSecretariat } from '../../platform/policy.ts';
import { optionalText, parseInput } from '../../platform/validation.ts';
import { audit } from '../accounts/audit.ts';
import { contactsOf } from '../accounts/queries.ts';
import { isGroupOfficer } from '../groups/service.ts';
import type { SessionJoinDetails } from '../meetings/calendar.ts';
import { setRemoteDetailsDaysBefore } from '../meetings/queries.ts';
import { hasEnded } from '../meetings/rules.ts';
import { getMeeting, type MeetingDetail, type SessionView } from '../meetings/service.ts';
import { attendanceOf, registeredAttendance } from '../registrations/queries.ts';
import { manageRemoteAccess } from './policies.ts';
import { isHttpsUrl, offersRemote, type RemoteEntitlement, type RemoteViewer, remoteEntitlement } from './rules.ts';
import { remoteAccess } from './schema.ts';

export interface RemoteBlock {
  link: string;
  meetingCode: string;
  passcode: string;
  dialIn: string;
  notes: string;
}

/** The details one reader may see: the whole-meeting block and the blocks of the sessions they may see. */
interface RemoteDetails {
  meetingId: number;
  whole: RemoteBlock | null;
  sessions: { session: SessionView; block: RemoteBlock }[];
}

const blockFields = ['link', 'meetingCode', 'passcode', 'dialIn', 'notes'] as const;
const isEmptyBlock = (b: RemoteBlock) => blockFields.every((f) => b[f] === '');
type RemoteRow = typeof remoteAccess.$inferSelect;

/**
 * A stored block. The whole block — a link often carries the passcode (`?pwd=`), notes a host key — is
 * kept sealed with the data key like passports, so a database dump holds none of it; rows written
 * before sealing (`sealed` null) are read from their clear columns until `sealRemoteAccess` seals them.
 */
function blockOf(ctx: AppContext, row: RemoteRow): RemoteBlock {
  if (row.sealed === null)
    return { link: row.link, meetingCode: row.meetingCode, passcode: row.passcode, dialIn: row.dialIn, notes: row.notes };
  const opened = JSON.parse(ctx.keyring.open(row.sealed).toString('utf8')) as Partial<RemoteBlock>;
  return Object.fromEntries(blockFields.map((f) => [f, typeof opened[f] === 'string' ? opened[f] : ''])) as unknown as RemoteBlock;
}

/** The columns of a block as stored: sealed, with the clear columns left empty. */
const sealedColumns = (ctx: AppContext, block: RemoteBlock) => ({
  sealed: ctx.keyring.seal(JSON.stringify(Object.fromEntries(blockFields.map((f) => [f, block[f]])))),
  link: '',
  meetingCode: '',
  passcode: '',
  dialIn: '',
  notes: '',
});

/** Stored blocks by session id (0: the whole meeting). */
async function storedBlocks(ctx: AppContext, meetingId: number): Promise<Map<number, RemoteBlock>> {
  const rows = await ctx.db.select().from(remoteAccess).where(eq(remoteAccess.meetingId, meetingId));
  return new Map(rows.map((r) => [r.sessionId ?? 0, blockOf(ctx, r)]));
}

/**
 * Seals the rows still in clear (written before sealing) and re-seals those under an older data key; run
 * once by the worker after the upgrade and by `convene rotate-data-key`. Returns how many rows changed.
 */
export async function sealRemoteAccess(ctx: AppContext): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.select().from(remoteAccess).orderBy(remoteAccess.id).for('update');
    let changed = 0;
    for (const row of rows) {
      if (row.sealed !== null && ctx.keyring.isCurrent(row.sealed)) continue;
      await tx
        .update(remoteAccess)
        .set(sealedColumns(ctx, blockOf(ctx, row)))
        .where(eq(remoteAccess.id, row.id));
      changed += 1;
    }
    return changed;
  });
}

function detailsFor(detail: MeetingDetail, blocks: Map<number, RemoteBlock>, entitlement: RemoteEntitlement): RemoteDetails | null {
  if (entitlement.kind === 'none') return null;
  const mine = entitlement.kind === 'sessions' ? new Set(entitlement.subgroups) : null;
  return {
    meetingId: detail.meeting.id,
    whole: blocks.get(0) ?? null,
    sessions: detail.sessions
      .filter((s) => blocks.has(s.id) && (!mine || mine.has(s.subgroup)))
      .map((session) => ({ session, block: blocks.get(session.id)! })),
  };
}

/** The facts the rule needs about one person and one meeting. */
async function remoteViewer(ctx: AppContext, actor: Actor | null, detail: MeetingDetail): Promise<RemoteViewer> {
  if (!actor) return { secretariat: false, officer: false, registration: null };
  const [officer, registration] = await Promise.all([
    isGroupOfficer(ctx, actor, detail.group.id),
    attendanceOf(ctx, detail.meeting.id, actor.id),
  ]);
  return { secretariat: isSecretariat(actor), officer, registration: registration ?? null };
}

export type RemotePanel =
  /** In-person meeting, reader not staff: nothing at all. */
  | { state: 'hidden' }
  /** The neutral note, without any detail. */
  | { state: 'note' }
  | { state: 'shown'; details: RemoteDetails; secretariat: boolean; offered: boolean };

/** What the meeting page shows this reader, decided here and not in the view. */
export async function remotePanel(ctx: AppContext, actor: Actor | null, detail: MeetingDetail): Promise<RemotePanel> {
  const viewer = await remoteViewer(ctx, actor, detail);
  const entitlement = remoteEntitlement(detail.meeting.mode, viewer);
  const offered = offersRemote(detail.meeting.mode);
  // After the meeting nobody is told details will come.
  const ended = hasEnded(detail.lastDay, detail.meeting.timeZone, ctx.clock.now());
  if (entitlement.kind === 'none') return offered && !ended ? { state: 'note' } : { state: 'hidden' };
  const details = detailsFor(detail, await storedBlocks(ctx, detail.meeting.id), entitlement)!;
  return { state: 'shown', details, secretariat: viewer.secretariat, offered };
}

/** The API's view: 401 for nobody signed in, 403 for anyone not entitled. */
export async function getRemoteAccess(ctx: AppContext, actor: Actor | null, meetingId: number): Promise<RemoteDetails> {
  if (!actor) throw new UnauthenticatedError();
  const detail = await getMeeting(ctx, meetingId);
  const entitlement = remoteEntitlement(detail.meeting.mode, await remoteViewer(ctx, actor, detail));
  const details = detailsFor(detail, await storedBlocks(ctx, meetingId), entitlement);
  if (!details) throw new ForbiddenError();
  return details;
}

/**
 * For a person's calendar feed: how to join each session of the meetings they are entitled to (the
 * session's own block, and the whole meeting's), in their language. Meetings they are not entitled to
 * are left out.
 */
export async function sessionJoinForFeed(
  ctx: AppContext,
  person: Actor,
  details: MeetingDetail[],
  locale: Locale,
): Promise<SessionJoinDetails> {
  const t = translator(locale);
  const out: SessionJoinDetails = new Map();
  for (const detail of details) {
    const entitlement = remoteEntitlement(detail.meeting.mode, await remoteViewer(ctx, person, detail));
    if (entitlement.kind === 'none') continue;
    const found = detailsFor(detail, await storedBlocks(ctx, detail.meeting.id), entitlement);
    if (!found || (!found.whole && found.sessions.length === 0)) continue;
    const own = new Map(found.sessions.map(({ session, block }) => [session.id, block]));
    const perSession = new Map<number, { link: string; text: string }>();
    for (const session of detail.sessions) {
      const block = own.get(session.id);
      if (!block && !found.whole) continue;
      const text = [block && blockText(t, block), found.whole && `${t('remote.wholeMeeting')}\n${blockText(t, found.whole)}`]
        .filter(Boolean)
        .join('\n\n');
      perSession.set(session.id, { link: block?.link || found.whole?.link || '', text: `${t('remote.title')}\n${text}` });
    }
    out.set(detail.meeting.id, perSession);
  }
  return out;
}

/** One block as lines of text ("Meeting ID: …"), for mails and calendar descriptions. */
function blockText(t: Translate, block: RemoteBlock): string {
  return [
    block.link && `${t('remote.link')}: ${block.link}`,
    block.meetingCode && `${t('remote.meetingCode')}: ${block.meetingCode}`,
    block.passcode && `${t('remote.passcode')}: ${block.passcode}`,
    block.dialIn && `${t('remote.dialIn')}: ${block.dialIn}`,
    block.notes && `${t('remote.notes')}: ${block.notes}`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** Every block the reader may see, headed by what it is for. */
export function detailsText(t: Translate, locale: Locale, details: RemoteDetails, sessionName: (s: SessionView) => string): string {
  const parts: string[] = [];
  if (details.whole) parts.push(`${t('remote.wholeMeeting')}\n${blockText(t, details.whole)}`);
  for (const { session, block } of details.sessions)
    parts.push(`${sessionName(session)} – ${pick(session.subgroupTitle, locale)}\n${blockText(t, block)}`);
  return parts.join('\n\n');
}

// ---- The secretariat's form

const emptyBlock: RemoteBlock = { link: '', meetingCode: '', passcode: '', dialIn: '', notes: '' };
const blockSchema = z
  .object({
    link: optionalText(2000),
    meetingCode: optionalText(100),
    passcode: optionalText(100),
    dialIn: optionalText(2000, { lines: true }),
    notes: optionalText(2000, { lines: true }),
  })
  .superRefine((b, c) => {
    if (isEmptyBlock(b)) return;
    if (!b.link) c.addIssue({ code: 'custom', message: 'error.required', path: ['link'] });
    else if (!isHttpsUrl(b.link)) c.addIssue({ code: 'custom', message: 'error.httpsUrl', path: ['link'] });
  });

const remoteAccessSchema = z.object({
  /** Days before the first day the details are mailed to those entitled. */
  daysBefore: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.coerce
      .number({ message: 'error.number' })
      .int({ message: 'error.number' })
      .min(0, { message: 'error.number' })
      .max(30, { message: 'error.number' }),
  ),
  whole: blockSchema.default(emptyBlock),
  /** Keyed by the session's id; a session left out or left empty has no details of its own. */
  sessions: z.record(z.string(), blockSchema).default({}),
});
export type RemoteAccessInput = z.input<typeof remoteAccessSchema>;

export interface RemoteSettings {
  detail: MeetingDetail;
  daysBefore: number;
  blocks: Map<number, RemoteBlock>;
}

export async function remoteSettings(ctx: AppContext, actor: Actor | null, meetingId: number): Promise<RemoteSettings> {
  authorize(actor, manageRemoteAccess, undefined);
  const detail = await getMeeting(ctx, meetingId);
  return { detail, daysBefore: detail.meeting.remoteDetailsDaysBefore, blocks: await storedBlocks(ctx, meetingId) };
}

/** Replaces the meeting's remote details; all checked before anything is written. */
export async function saveRemoteAccess(
  ctx: AppContext,
  actor: Actor | null,
  meetingId: number,
  input: RemoteAccessInput,
): Promise<RemoteSettings> {
  authorize(actor, manageRemoteAccess, undefined);
  const detail = await getMeeting(ctx, meetingId);
  const data = parseInput(remoteAccessSchema, input);
  const sessionIds = new Set(detail.sessions.map((s) => String(s.id)));
  const unknown = Object.keys(data.sessions).filter((id) => !sessionIds.has(id));
  if (unknown.length) throw new ValidationError(unknown.map((id) => ({ field: `sessions.${id}`, message: 'error.unknownSession' })));
  const rows = [
    { sessionId: null as number | null, block: data.whole },
    ...Object.entries(data.sessions).map(([id, block]) => ({ sessionId: Number(id), block })),
  ].filter((r) => !isEmptyBlock(r.block));
  await ctx.db.transaction(async (tx) => {
    await setRemoteDetailsDaysBefore(tx, meetingId, data.daysBefore, ctx.clock.now());
    await tx.delete(remoteAccess).where(eq(remoteAccess.meetingId, meetingId));
    if (rows.length)
      await tx.insert(remoteAccess).values(rows.map((r) => ({ meetingId, sessionId: r.sessionId, ...sealedColumns(ctx, r.block) })));
  });
  // The audit trail records that they changed, never the secrets themselves.
  await audit(ctx, actor, 'remote-access.update', `meeting:${meetingId}`, { blocks: rows.length, daysBefore: data.daysBefore });
  return remoteSettings(ctx, actor, meetingId);
}

// ---- Mail

export interface RemoteRecipient {
  accountId: number;
  email: string;
  givenName: string;
  preferredLanguage: string | null;
  details: RemoteDetails;
}

/** Registered participants entitled to the details, each with what they may see (empty ones left out). */
export async function entitledRegistrants(ctx: AppContext, detail: MeetingDetail): Promise<RemoteRecipient[]> {
  if (!offersRemote(detail.meeting.mode)) return [];
  const blocks = await storedBlocks(ctx, detail.meeting.id);
  if (blocks.size === 0) return [];
  const registered = await registeredAttendance(ctx, detail.meeting.id);
  const contacts = await contactsOf(
    ctx,
    registered.map((r) => r.accountId),
  );
  const out: RemoteRecipient[] = [];
  for (const registration of registered) {
    const account = contacts.get(registration.accountId);
    if (!account) continue;
    // Officers and the secretariat see everything on the page; by mail, what their registration gives.
    const viewer: RemoteViewer = { secretariat: false, officer: false, registration };
    const details = detailsFor(detail, blocks, remoteEntitlement(detail.meeting.mode, viewer));
    if (!details || (!details.whole && details.sessions.length === 0)) continue;
    out.push({
      accountId: account.id,
      email: account.email,
      givenName: account.givenName,
      preferredLanguage: account.preferredLanguage,
      details,
    });
  }
  return out;
}
