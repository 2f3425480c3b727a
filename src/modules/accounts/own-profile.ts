import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { parseInput } from '../../platform/validation.ts';
import { type SettingsInput, settingsSchema } from './input.ts';
import type { Actor } from './profile.ts';
import { accounts } from './schema.ts';

export async function getProfile(ctx: AppContext, actor: Actor) {
  const [row] = await ctx.db.select().from(accounts).where(eq(accounts.id, actor.id));
  if (!row) throw new NotFoundError();
  const { passwordHash: _omit, ...profile } = row;
  return profile;
}

export async function updateProfile(ctx: AppContext, actor: Actor, input: SettingsInput): Promise<void> {
  const { preferredLanguage, ...profile } = parseInput(settingsSchema, input);
  await ctx.db
    .update(accounts)
    .set({ ...profile, ...(preferredLanguage ? { preferredLanguage } : {}), updatedAt: ctx.clock.now() })
    .where(eq(accounts.id, actor.id));
}

/** The language switcher's explicit choice: the account's language (of its mails) from now on. */
export async function setPreferredLanguage(ctx: AppContext, actor: Actor, locale: Locale): Promise<void> {
  if (actor.preferredLanguage === locale) return;
  await ctx.db.update(accounts).set({ preferredLanguage: locale }).where(eq(accounts.id, actor.id));
}
