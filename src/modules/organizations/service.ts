import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { isUniqueViolation, type Tx } from '../../platform/db/index.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { localizedText } from '../../platform/localized.ts';
import { authorize } from '../../platform/policy.ts';
import { countryCode, email, oneOf, parseInput } from '../../platform/validation.ts';
import { findActorByEmail, people, recordAudit } from '../accounts/queries.ts';
import { manageOrganizations } from './policies.ts';
import { organizationMembers, organizations } from './schema.ts';
import { organizationCategories } from './vocabulary.ts';

export const organizationSchema = z.object({
  name: localizedText({ max: 200 }),
  country: countryCode(),
  category: oneOf(organizationCategories),
});
export type OrganizationInput = z.input<typeof organizationSchema>;

const memberSchema = z.object({
  email: email(),
  focalPoint: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()).default(false),
});
type MemberInput = z.input<typeof memberSchema>;

type OrganizationRow = typeof organizations.$inferSelect;
interface OrganizationSummary extends OrganizationRow {
  members: number;
  focalPoints: number;
}
interface OrganizationMember {
  accountId: number;
  email: string;
  givenName: string;
  familyName: string;
  focalPoint: boolean;
}
export interface OrganizationDetail extends OrganizationRow {
  members: OrganizationMember[];
}

const duplicateName = () =>
  new ConflictError('organization-exists', 'organization.error.exists', {}, [{ field: 'name.en', message: 'organization.error.exists' }]);

export async function listOrganizations(ctx: AppContext, actor: Actor | null): Promise<OrganizationSummary[]> {
  authorize(actor, manageOrganizations, undefined);
  const rows = await ctx.db
    .select({
      organization: organizations,
      members: sql<number>`count(${organizationMembers.accountId})::int`,
      focalPoints: sql<number>`count(${organizationMembers.accountId}) filter (where ${organizationMembers.focalPoint})::int`,
    })
    .from(organizations)
    .leftJoin(organizationMembers, eq(organizationMembers.organizationId, organizations.id))
    .groupBy(organizations.id)
    .orderBy(asc(sql`lower(${organizations.name}->>'en')`), asc(organizations.country));
  return rows.map((r) => ({ ...r.organization, members: r.members, focalPoints: r.focalPoints }));
}

/** Its members are personal data: the secretariat's to see. */
export async function getOrganization(ctx: AppContext, actor: Actor | null, id: number): Promise<OrganizationDetail> {
  authorize(actor, manageOrganizations, undefined);
  return detailOf(ctx, id);
}

async function detailOf(ctx: AppContext, id: number): Promise<OrganizationDetail> {
  const [row] = await ctx.db.select().from(organizations).where(eq(organizations.id, id));
  if (!row) throw new NotFoundError();
  const who = people(ctx.db);
  const members = await ctx.db
    .select({
      accountId: organizationMembers.accountId,
      email: who.email,
      givenName: who.givenName,
      familyName: who.familyName,
      focalPoint: organizationMembers.focalPoint,
    })
    .from(organizationMembers)
    .innerJoin(who, eq(who.id, organizationMembers.accountId))
    .where(eq(organizationMembers.organizationId, id))
    .orderBy(asc(sql`not ${organizationMembers.focalPoint}`), asc(who.familyName), asc(who.givenName));
  return { ...row, members };
}

export async function createOrganization(ctx: AppContext, actor: Actor | null, input: OrganizationInput): Promise<OrganizationRow> {
  authorize(actor, manageOrganizations, undefined);
  const data = parseInput(organizationSchema, input);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx.insert(organizations).values(data).returning();
      await recordAudit(tx, { actorId: actor!.id, action: 'organization.create', subject: `organization:${row!.id}`, at: ctx.clock.now() });
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName();
    throw error;
  }
}

/** Changes what is given; left out keeps its value. */
export async function updateOrganization(
  ctx: AppContext,
  actor: Actor | null,
  id: number,
  input: Partial<OrganizationInput>,
): Promise<OrganizationRow> {
  authorize(actor, manageOrganizations, undefined);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [current] = await tx.select().from(organizations).where(eq(organizations.id, id)).for('update');
      if (!current) throw new NotFoundError();
      const data = parseInput(organizationSchema, {
        name: input.name ?? current.name,
        country: input.country ?? current.country,
        category: input.category ?? current.category,
      });
      const [row] = await tx
        .update(organizations)
        .set({ ...data, updatedAt: ctx.clock.now() })
        .where(eq(organizations.id, id))
        .returning();
      await recordAudit(tx, { actorId: actor!.id, action: 'organization.update', subject: `organization:${id}`, at: ctx.clock.now() });
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName();
    throw error;
  }
}

/** Puts an account in an organization, taking it out of the one it was in: an account belongs to one. */
export async function placeMember(tx: Tx, m: { accountId: number; organizationId: number; focalPoint: boolean; at: Date }) {
  await tx
    .insert(organizationMembers)
    .values({ accountId: m.accountId, organizationId: m.organizationId, focalPoint: m.focalPoint, createdAt: m.at })
    .onConflictDoUpdate({ target: organizationMembers.accountId, set: { organizationId: m.organizationId, focalPoint: m.focalPoint } });
}

/**
 * Makes the account of this address a member of the organization (moving it from another one), focal point or
 * not. Someone without an account cannot be added: they sign up first.
 */
export async function setMember(
  ctx: AppContext,
  actor: Actor | null,
  organizationId: number,
  input: MemberInput,
): Promise<OrganizationDetail> {
  authorize(actor, manageOrganizations, undefined);
  const data = parseInput(memberSchema, input);
  const account = await findActorByEmail(ctx, data.email);
  if (!account) throw new ValidationError([{ field: 'email', message: 'organization.error.noAccount' }]);
  await ctx.db.transaction(async (tx) => {
    const [organization] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.id, organizationId))
      .for('update');
    if (!organization) throw new NotFoundError();
    await placeMember(tx, { accountId: account.id, organizationId, focalPoint: data.focalPoint, at: ctx.clock.now() });
    await recordAudit(tx, {
      actorId: actor!.id,
      action: 'organization.member',
      subject: `organization:${organizationId}`,
      details: { accountId: account.id, focalPoint: data.focalPoint },
      at: ctx.clock.now(),
    });
  });
  return detailOf(ctx, organizationId);
}

export async function removeMember(
  ctx: AppContext,
  actor: Actor | null,
  organizationId: number,
  accountId: number,
): Promise<OrganizationDetail> {
  authorize(actor, manageOrganizations, undefined);
  await ctx.db.transaction(async (tx) => {
    const removed = await tx
      .delete(organizationMembers)
      .where(and(eq(organizationMembers.organizationId, organizationId), eq(organizationMembers.accountId, accountId)))
      .returning({ accountId: organizationMembers.accountId });
    if (removed.length === 0) throw new NotFoundError();
    await recordAudit(tx, {
      actorId: actor!.id,
      action: 'organization.member-removed',
      subject: `organization:${organizationId}`,
      details: { accountId },
      at: ctx.clock.now(),
    });
  });
  return detailOf(ctx, organizationId);
}
