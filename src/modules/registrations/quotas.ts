import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DbOrTx, Tx } from '../../platform/db/index.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { type Locale, pick } from '../../platform/i18n/index.ts';
import { authorize } from '../../platform/policy.ts';
import { parseInput } from '../../platform/validation.ts';
import { recordAudit } from '../accounts/queries.ts';
import { getMeeting } from '../meetings/service.ts';
import { memberRefs } from '../organizations/queries.ts';
import { listOrganizations } from '../organizations/service.ts';
import { lockPlaces } from './places.ts';
import { manageRegistrations } from './policies.ts';
import { quotaAllows } from './rules.ts';
import { registrationQuotas, registrations } from './schema.ts';

interface QuotaUse {
  places: number;
  /** The organization's people holding an in-person place or waiting for one at the meeting. */
  taken: number;
}

/** The quotas of these organizations at the meeting, with what each has taken; organizations without one are left out. */
export async function quotaUse(db: DbOrTx, meetingId: number, organizationIds: number[]): Promise<Map<number, QuotaUse>> {
  const use = new Map<number, QuotaUse>();
  if (organizationIds.length === 0) return use;
  const quotas = await db
    .select()
    .from(registrationQuotas)
    .where(and(eq(registrationQuotas.meetingId, meetingId), inArray(registrationQuotas.organizationId, [...new Set(organizationIds)])));
  if (quotas.length === 0) return use;
  const m = memberRefs(db);
  const taken = await db
    .select({ organizationId: m.organizationId, n: count() })
    .from(registrations)
    .innerJoin(m, eq(m.accountId, registrations.accountId))
    .where(
      and(
        eq(registrations.meetingId, meetingId),
        eq(registrations.mode, 'in-person'),
        inArray(registrations.status, ['registered', 'waitlisted']),
        inArray(
          m.organizationId,
          quotas.map((q) => q.organizationId),
        ),
      ),
    )
    .groupBy(m.organizationId);
  const takenBy = new Map(taken.map((t) => [t.organizationId, t.n]));
  for (const q of quotas) use.set(q.organizationId, { places: q.inPersonPlaces, taken: takenBy.get(q.organizationId) ?? 0 });
  return use;
}

/**
 * Refuses (409 `quota-reached`, nothing written) when giving these organizations this many more in-person
 * places would pass a quota. Called under the meeting's lock, so two approvals cannot both take the last place.
 */
export async function checkQuotas(tx: Tx, meetingId: number, adding: Map<number, number>): Promise<void> {
  const use = await quotaUse(tx, meetingId, [...adding.keys()]);
  for (const [organizationId, n] of adding) {
    const quota = use.get(organizationId);
    if (quota && !quotaAllows(quota.places, quota.taken, n))
      throw new ConflictError('quota-reached', 'error.quotaReached', {
        places: quota.places,
        left: Math.max(0, quota.places - quota.taken),
      });
  }
}

const quotaSchema = z.object({
  /** Null or absent: no quota. */
  inPersonPlaces: z.coerce
    .number({ message: 'error.number' })
    .int({ message: 'error.number' })
    .min(0, { message: 'error.number' })
    .max(100_000, { message: 'error.number' })
    .nullable()
    .optional(),
});

/** Sets (or, with null, removes) an organization's quota of in-person places at a meeting: the secretariat. */
export async function setQuota(
  ctx: AppContext,
  actor: Actor | null,
  meetingId: number,
  organizationId: number,
  input: z.input<typeof quotaSchema>,
): Promise<void> {
  authorize(actor, manageRegistrations, undefined);
  const { inPersonPlaces } = parseInput(quotaSchema, input);
  const organizations = await listOrganizations(ctx, actor);
  if (!organizations.some((o) => o.id === organizationId)) throw new NotFoundError();
  await ctx.db.transaction(async (tx) => {
    await lockPlaces(tx, meetingId);
    const now = ctx.clock.now();
    const where = and(eq(registrationQuotas.meetingId, meetingId), eq(registrationQuotas.organizationId, organizationId));
    if (inPersonPlaces === null || inPersonPlaces === undefined) await tx.delete(registrationQuotas).where(where);
    else
      await tx
        .insert(registrationQuotas)
        .values({ meetingId, organizationId, inPersonPlaces, updatedAt: now })
        .onConflictDoUpdate({
          target: [registrationQuotas.meetingId, registrationQuotas.organizationId],
          set: { inPersonPlaces, updatedAt: now },
        });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'registration.quota',
      subject: `meeting:${meetingId}`,
      details: { organizationId, inPersonPlaces: inPersonPlaces ?? null },
      at: now,
    });
  });
}

/** Every organization with its quota at the meeting (null: none) and the in-person places its people hold. */
export async function listQuotas(ctx: AppContext, actor: Actor | null, meetingId: number, locale: Locale) {
  authorize(actor, manageRegistrations, undefined);
  await getMeeting(ctx, meetingId);
  const organizations = await listOrganizations(ctx, actor);
  const rows = await ctx.db
    .select()
    .from(registrationQuotas)
    .where(eq(registrationQuotas.meetingId, meetingId))
    .orderBy(asc(registrationQuotas.organizationId));
  const use = await quotaUse(
    ctx.db,
    meetingId,
    rows.map((r) => r.organizationId),
  );
  return organizations.map((o) => ({
    organizationId: o.id,
    name: pick(o.name, locale),
    country: o.country,
    inPersonPlaces: use.get(o.id)?.places ?? null,
    taken: use.get(o.id)?.taken ?? null,
  }));
}
