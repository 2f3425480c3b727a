import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { isReferencedRowViolation, isUniqueViolation } from '../../platform/db/index.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { localizedText } from '../../platform/localized.ts';
import { authorize, isSecretariat, may } from '../../platform/policy.ts';
import { countryCode, dayCount, email, oneOf, optionalIsoDate, optionalText, parseInput, requiredText } from '../../platform/validation.ts';
import { audit } from '../accounts/audit.ts';
import { contactsOf, findActorByEmail } from '../accounts/queries.ts';
import { manageGroupContent, manageGroups } from './policies.ts';
import { defaultDeadlineRules } from './rules.ts';
import { bureaus, groups, officers, subgroups } from './schema.ts';
import { documentAccessLevels, groupStatuses, officerRoles, registrationApprovals, subgroupKinds } from './vocabulary.ts';

/** A group's or a bureau's code: "FG-MV", "TSB". */
const code = () =>
  z
    .string({ message: 'error.required' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9-]{0,19}$/, { message: 'error.groupCode' });

const groupSchema = z.object({
  code: code(),
  name: localizedText({ max: 200 }),
  mandate: localizedText({ max: 20_000, required: false, lines: true }).default({}),
  parentBody: optionalText(100),
  establishedOn: optionalIsoDate(),
  establishedBy: localizedText({ max: 500, required: false }).default({}),
  /** Code of the bureau issuing the group's circulars ("TSB"); empty for none. */
  bureau: z.string().trim().toUpperCase().max(20).default(''),
  status: oneOf(groupStatuses).default('active'),
  documentPrefix: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9-]{0,12}$/, { message: 'error.documentPrefix' })
    .default(''),
  contactEmail: z.union([z.literal(''), email()]).default(''),
  contributionEmail: z.union([z.literal(''), email()]).default(''),
  documentAccess: oneOf(documentAccessLevels).default('public'),
  registrationApproval: oneOf(registrationApprovals).default('none'),
  contactTel: optionalText(50),
  contactFax: optionalText(50),
  deadlineRules: z
    .object({ visaSupportDays: dayCount(), registrationDays: dayCount(), contributionsDays: dayCount() })
    .default(defaultDeadlineRules),
});
export type GroupInput = z.input<typeof groupSchema>;

const subgroupSchema = z
  .object({
    kind: oneOf(subgroupKinds),
    number: z.preprocess(
      (v) => (v === '' || v === null || v === undefined ? null : v),
      z.coerce
        .number({ message: 'error.number' })
        .int({ message: 'error.number' })
        .min(1, { message: 'error.number' })
        .max(99, { message: 'error.number' })
        .nullable(),
    ),
    title: localizedText({ max: 200 }),
  })
  .superRefine((v, c) => {
    if (v.kind === 'WG' && v.number === null) c.addIssue({ code: 'custom', message: 'error.required', path: ['number'] });
  });
export type SubgroupInput = z.input<typeof subgroupSchema>;

const officerSchema = z
  .object({
    role: oneOf(officerRoles),
    title: optionalText(20),
    name: requiredText(200),
    affiliation: optionalText(200),
    country: countryCode(),
    accountEmail: z.union([z.literal(''), email()]).default(''),
    fromDate: optionalIsoDate(),
    untilDate: optionalIsoDate(),
    position: z.coerce.number({ message: 'error.number' }).int({ message: 'error.number' }).min(0).max(1000).default(0),
  })
  .superRefine((v, c) => {
    if (v.fromDate && v.untilDate && v.untilDate < v.fromDate) {
      c.addIssue({ code: 'custom', message: 'error.untilBeforeFrom', path: ['untilDate'] });
    }
  });
export type OfficerInput = z.input<typeof officerSchema>;

export type GroupRow = typeof groups.$inferSelect;
export type SubgroupRow = typeof subgroups.$inferSelect;
export type OfficerRow = typeof officers.$inferSelect;
export interface GroupDetail extends GroupRow {
  subgroups: SubgroupRow[];
  officers: OfficerRow[];
}

/** "WG5", "TG" — how sessions and documents name a subgroup. */
export const subgroupLabel = (s: { kind: string; number: number | null }) => `${s.kind}${s.number ?? ''}`;

export function listGroups(ctx: AppContext): Promise<GroupRow[]> {
  return ctx.db.select().from(groups).orderBy(asc(groups.code));
}

export async function findGroup(ctx: AppContext, code: string): Promise<GroupRow> {
  const [row] = await ctx.db
    .select()
    .from(groups)
    .where(eq(sql`lower(${groups.code})`, code.trim().toLowerCase()));
  if (!row) throw new NotFoundError();
  return row;
}

export async function getGroup(ctx: AppContext, code: string): Promise<GroupDetail> {
  const group = await findGroup(ctx, code);
  const [subs, offs] = await Promise.all([
    ctx.db.select().from(subgroups).where(eq(subgroups.groupId, group.id)),
    ctx.db.select().from(officers).where(eq(officers.groupId, group.id)).orderBy(asc(officers.position), asc(officers.id)),
  ]);
  return { ...group, subgroups: sortSubgroups(subs), officers: sortOfficers(offs) };
}

/** Task groups first, then working groups by number. */
export function sortSubgroups<T extends { kind: string; number: number | null }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => a.kind.localeCompare(b.kind) || (a.number ?? 0) - (b.number ?? 0));
}

/** The chair first, then vice-chairs; each in the secretariat's order. */
function sortOfficers<T extends Pick<OfficerRow, 'role' | 'position' | 'id'>>(rows: T[]): T[] {
  const rank = (r: T) => (r.role === 'chair' ? 0 : 1);
  return [...rows].sort((a, b) => rank(a) - rank(b) || a.position - b.position || a.id - b.id);
}

/** An officer whose term covers today and who is linked to the account manages the group's content. */
export async function isGroupOfficer(ctx: AppContext, actor: Actor | null, groupId: number): Promise<boolean> {
  if (!actor) return false;
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const rows = await ctx.db
    .select({ id: officers.id })
    .from(officers)
    .where(
      and(
        eq(officers.groupId, groupId),
        eq(officers.accountId, actor.id),
        sql`(${officers.fromDate} IS NULL OR ${officers.fromDate} <= ${today})`,
        sql`(${officers.untilDate} IS NULL OR ${officers.untilDate} >= ${today})`,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** The groups whose content the actor manages as an officer in office (none for the secretariat, who manages all). */
export async function officerGroupIds(ctx: AppContext, actor: Actor | null): Promise<number[]> {
  if (!actor || isSecretariat(actor)) return [];
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const rows = await ctx.db
    .selectDistinct({ groupId: officers.groupId })
    .from(officers)
    .where(
      and(
        eq(officers.accountId, actor.id),
        sql`(${officers.fromDate} IS NULL OR ${officers.fromDate} <= ${today})`,
        sql`(${officers.untilDate} IS NULL OR ${officers.untilDate} >= ${today})`,
      ),
    );
  return rows.map((r) => r.groupId);
}

/** Whether the actor may manage the group's content (the `groups.manage-content` policy), reading the officer fact only when it matters. */
export async function canManageGroupContent(ctx: AppContext, actor: Actor | null, groupId: number): Promise<boolean> {
  const officer = actor !== null && !isSecretariat(actor) && (await isGroupOfficer(ctx, actor, groupId));
  return may(actor, manageGroupContent, { officer });
}

const duplicateCode = () =>
  new ConflictError('duplicate-group', 'error.groupCodeTaken', {}, [{ field: 'code', message: 'error.groupCodeTaken' }]);

const bureauSchema = z.object({
  code: code(),
  name: localizedText({ max: 200 }),
  abbreviation: localizedText({ max: 100, required: false }).default({}),
  organization: localizedText({ max: 200, required: false }).default({}),
  city: localizedText({ max: 100, required: false }).default({}),
  premises: localizedText({ max: 200, required: false }).default({}),
  nextCircularNumber: z.coerce
    .number({ message: 'error.number' })
    .int({ message: 'error.number' })
    .min(1, { message: 'error.number' })
    .default(1),
});
export type BureauInput = z.input<typeof bureauSchema>;

/**
 * Creates a bureau, or changes the one with that code: fields left out keep their value. The circular
 * counter is written only when it is meant to change: a form sends the value it showed
 * (`counterAsShown`), and an unchanged one leaves the counter as it is now — circulars issued meanwhile
 * have moved it on.
 */
export async function saveBureau(
  ctx: AppContext,
  actor: Actor | null,
  input: Partial<BureauInput>,
  options: { counterAsShown?: number } = {},
) {
  authorize(actor, manageGroups, undefined);
  const code = String(input.code ?? '')
    .trim()
    .toUpperCase();
  const [current] = code ? await ctx.db.select().from(bureaus).where(eq(bureaus.code, code)) : [];
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const merged = current
    ? {
        code: current.code,
        name: current.name,
        abbreviation: current.abbreviation,
        organization: current.organization,
        city: current.city,
        premises: current.premises,
        nextCircularNumber: current.nextCircularNumber,
        ...defined,
      }
    : defined;
  const data = parseInput(bureauSchema, merged);
  const counterUntouched = current && options.counterAsShown !== undefined && data.nextCircularNumber === options.counterAsShown;
  const values = counterUntouched ? { ...data, nextCircularNumber: current.nextCircularNumber } : data;
  const [row] = current
    ? await ctx.db
        .update(bureaus)
        .set({
          ...values,
          // Unchanged on the form: whatever circulars issued meanwhile made of it.
          nextCircularNumber: counterUntouched ? sql`${bureaus.nextCircularNumber}` : values.nextCircularNumber,
          updatedAt: ctx.clock.now(),
        })
        .where(eq(bureaus.id, current.id))
        .returning()
    : await ctx.db.insert(bureaus).values(values).onConflictDoNothing().returning();
  if (!row) throw new ConflictError('duplicate-bureau', 'error.groupCodeTaken', {}, [{ field: 'code', message: 'error.groupCodeTaken' }]);
  await audit(ctx, actor, 'bureau.save', `bureau:${row.id}`, { code: row.code, nextCircularNumber: row.nextCircularNumber });
  return row;
}

export function listBureaus(ctx: AppContext) {
  return ctx.db.select().from(bureaus).orderBy(asc(bureaus.code));
}

async function bureauIdOf(ctx: AppContext, code: string): Promise<number | null> {
  if (!code) return null;
  const [row] = await ctx.db.select({ id: bureaus.id }).from(bureaus).where(eq(bureaus.code, code));
  if (!row) throw new ValidationError([{ field: 'bureau', message: 'error.unknownBureau' }]);
  return row.id;
}

export async function bureauCodeOf(ctx: AppContext, id: number | null): Promise<string> {
  if (id === null) return '';
  const [row] = await ctx.db.select({ code: bureaus.code }).from(bureaus).where(eq(bureaus.id, id));
  return row?.code ?? '';
}

export async function createGroup(ctx: AppContext, actor: Actor | null, input: GroupInput): Promise<GroupRow> {
  authorize(actor, manageGroups, undefined);
  const { bureau, ...data } = parseInput(groupSchema, input);
  const bureauId = await bureauIdOf(ctx, bureau);
  try {
    const [row] = await ctx.db
      .insert(groups)
      .values({
        ...data,
        bureauId,
        establishedOn: data.establishedOn ?? null,
        documentPrefix: data.documentPrefix || data.code.replace(/-/g, ''),
      })
      .returning();
    await audit(ctx, actor, 'group.create', `group:${row!.id}`, { code: row!.code });
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateCode();
    throw error;
  }
}

export async function updateGroup(ctx: AppContext, actor: Actor | null, code: string, input: Partial<GroupInput>): Promise<GroupRow> {
  authorize(actor, manageGroups, undefined);
  const current = await findGroup(ctx, code);
  const merged = {
    code: current.code,
    name: current.name,
    mandate: current.mandate,
    parentBody: current.parentBody,
    establishedOn: current.establishedOn ?? '',
    establishedBy: current.establishedBy,
    bureau: await bureauCodeOf(ctx, current.bureauId),
    status: current.status,
    documentPrefix: current.documentPrefix,
    contactEmail: current.contactEmail,
    contributionEmail: current.contributionEmail,
    documentAccess: current.documentAccess,
    registrationApproval: current.registrationApproval,
    contactTel: current.contactTel,
    contactFax: current.contactFax,
    deadlineRules: current.deadlineRules,
    ...input,
  };
  const { bureau, ...data } = parseInput(groupSchema, merged);
  const bureauId = await bureauIdOf(ctx, bureau);
  try {
    const [row] = await ctx.db
      .update(groups)
      .set({ ...data, bureauId, establishedOn: data.establishedOn ?? null, updatedAt: ctx.clock.now() })
      .where(eq(groups.id, current.id))
      .returning();
    await audit(ctx, actor, 'group.update', `group:${current.id}`);
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateCode();
    throw error;
  }
}

const duplicateSubgroup = () =>
  new ConflictError('duplicate-subgroup', 'error.subgroupTaken', {}, [{ field: 'number', message: 'error.subgroupTaken' }]);

export async function saveSubgroup(
  ctx: AppContext,
  actor: Actor | null,
  code: string,
  input: SubgroupInput,
  subgroupId?: number,
): Promise<SubgroupRow> {
  authorize(actor, manageGroups, undefined);
  const group = await findGroup(ctx, code);
  const data = parseInput(subgroupSchema, input);
  try {
    const [row] = subgroupId
      ? await ctx.db
          .update(subgroups)
          .set(data)
          .where(and(eq(subgroups.id, subgroupId), eq(subgroups.groupId, group.id)))
          .returning()
      : await ctx.db
          .insert(subgroups)
          .values({ ...data, groupId: group.id })
          .returning();
    if (!row) throw new NotFoundError();
    await audit(ctx, actor, subgroupId ? 'subgroup.update' : 'subgroup.create', `subgroup:${row.id}`);
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateSubgroup();
    throw error;
  }
}

export async function deleteSubgroup(ctx: AppContext, actor: Actor | null, code: string, subgroupId: number): Promise<void> {
  authorize(actor, manageGroups, undefined);
  const group = await findGroup(ctx, code);
  try {
    const deleted = await ctx.db
      .delete(subgroups)
      .where(and(eq(subgroups.id, subgroupId), eq(subgroups.groupId, group.id)))
      .returning({ id: subgroups.id });
    if (deleted.length === 0) throw new NotFoundError();
  } catch (error) {
    // A subgroup that has meeting sessions is kept: the meetings would lose their history.
    if (isReferencedRowViolation(error)) {
      throw new ConflictError('subgroup-in-use', 'error.subgroupInUse');
    }
    throw error;
  }
  await audit(ctx, actor, 'subgroup.delete', `subgroup:${subgroupId}`);
}

export async function saveOfficer(
  ctx: AppContext,
  actor: Actor | null,
  code: string,
  input: OfficerInput,
  officerId?: number,
): Promise<OfficerRow> {
  authorize(actor, manageGroups, undefined);
  const group = await findGroup(ctx, code);
  const { accountEmail, ...data } = parseInput(officerSchema, input);
  let accountId: number | null = null;
  if (accountEmail) {
    const linked = await findActorByEmail(ctx, accountEmail);
    if (!linked) {
      throw new ConflictError('unknown-account', 'error.unknownAccount', {}, [{ field: 'accountEmail', message: 'error.unknownAccount' }]);
    }
    accountId = linked.id;
  }
  const values = { ...data, fromDate: data.fromDate ?? null, untilDate: data.untilDate ?? null, accountId };
  const [row] = officerId
    ? await ctx.db
        .update(officers)
        .set(values)
        .where(and(eq(officers.id, officerId), eq(officers.groupId, group.id)))
        .returning()
    : await ctx.db
        .insert(officers)
        .values({ ...values, groupId: group.id })
        .returning();
  if (!row) throw new NotFoundError();
  await audit(ctx, actor, officerId ? 'officer.update' : 'officer.create', `officer:${row.id}`);
  return row;
}

export async function deleteOfficer(ctx: AppContext, actor: Actor | null, code: string, officerId: number): Promise<void> {
  authorize(actor, manageGroups, undefined);
  const group = await findGroup(ctx, code);
  const deleted = await ctx.db
    .delete(officers)
    .where(and(eq(officers.id, officerId), eq(officers.groupId, group.id)))
    .returning({ id: officers.id });
  if (deleted.length === 0) throw new NotFoundError();
  await audit(ctx, actor, 'officer.delete', `officer:${officerId}`);
}

/** E-mail addresses of accounts linked to officers, for the edit form. */
export async function officerAccountEmails(ctx: AppContext, groupId: number): Promise<Map<number, string>> {
  const rows = await ctx.db
    .select({ officerId: officers.id, accountId: officers.accountId })
    .from(officers)
    .where(and(eq(officers.groupId, groupId), isNotNull(officers.accountId)));
  const contacts = await contactsOf(
    ctx,
    rows.map((r) => r.accountId!),
  );
  const emails = new Map<number, string>();
  for (const r of rows) {
    const contact = contacts.get(r.accountId!);
    if (contact) emails.set(r.officerId, contact.email);
  }
  return emails;
}
