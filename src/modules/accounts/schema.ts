import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { vocabularyCheck } from '../../platform/db/checks.ts';
import { createdAt, updatedAt } from '../../platform/db/columns.ts';
import { type Locale, locales } from '../../platform/i18n/index.ts';
import {
  type AccountRole,
  type AccountTokenPurpose,
  accountRoles,
  accountTokenPurposes,
  type MembershipCategory,
  membershipCategories,
  type PersonalTitle,
  personalTitles,
} from './vocabulary.ts';

export const accounts = pgTable(
  'accounts',
  {
    id: serial('id').primaryKey(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    title: text('title').$type<PersonalTitle>().notNull().default(''),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    organization: text('organization').notNull().default(''),
    country: text('country').notNull().default(''),
    category: text('category').$type<MembershipCategory>().notNull().default('non-member'),
    role: text('role').$type<AccountRole>().notNull().default('participant'),
    preferredLanguage: text('preferred_language').$type<Locale>(),
    /** The secret in the address of the person's calendar feed (a calendar app cannot sign in); reset on demand. */
    calendarToken: text('calendar_token').unique(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('accounts_email_key').on(sql`lower(${t.email})`),
    vocabularyCheck('accounts_title_check', t.title, personalTitles),
    vocabularyCheck('accounts_category_check', t.category, membershipCategories),
    vocabularyCheck('accounts_role_check', t.role, accountRoles),
    vocabularyCheck('accounts_preferred_language_check', t.preferredLanguage, locales),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha-256 of the cookie value: a database dump cannot be replayed as a cookie. */
    idHash: text('id_hash').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

export const apiTokens = pgTable('api_tokens', {
  id: serial('id').primaryKey(),
  accountId: integer('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  name: text('name').notNull().default(''),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: createdAt(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
});

/** One-time tokens mailed to the account: e-mail verification and password reset. */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    purpose: text('purpose').$type<AccountTokenPurpose>().notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('account_tokens_account_idx').on(t.accountId, t.purpose),
    vocabularyCheck('account_tokens_purpose_check', t.purpose, accountTokenPurposes),
  ],
);

export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    succeeded: boolean('succeeded').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('login_attempts_email_at_idx').on(t.email, t.at), index('login_attempts_ip_at_idx').on(t.ip, t.at)],
);

export const auditEvents = pgTable('audit_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  actorId: integer('actor_id').references(() => accounts.id, { onDelete: 'set null' }),
  action: text('action').notNull(),
  subject: text('subject').notNull(),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  at: timestamp('at', { withTimezone: true }).notNull(),
});

/**
 * Sign-ups waiting for their address to be confirmed: the account is created when the mailed link is
 * opened, so signing up with an address reveals nothing about whether it already has an account.
 */
export const signupRequests = pgTable(
  'signup_requests',
  {
    id: serial('id').primaryKey(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    profile: jsonb('profile').$type<Record<string, string>>().notNull(),
    locale: text('locale').$type<Locale>().notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('signup_requests_email_idx').on(sql`lower(${t.email})`),
    vocabularyCheck('signup_requests_locale_check', t.locale, locales),
  ],
);

/**
 * Counters of requests per bucket ("reset:address:<hash>", "reset:client:<ip>") and fixed window,
 * incremented with one INSERT … ON CONFLICT DO UPDATE … RETURNING, so throttles hold across instances.
 */
export const rateCounters = pgTable(
  'rate_counters',
  {
    bucket: text('bucket').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] }), index('rate_counters_window_idx').on(t.windowStart)],
);

/**
 * TOTP (RFC 6238) of an account. `secret` is the active one, `pendingSecret` one being enrolled (or
 * replacing it) until a code from it is confirmed; both are sealed with the data key. `lastStep` is the
 * time step of the last code accepted, so a code cannot be used twice.
 */
export const twoFactor = pgTable('two_factor', {
  accountId: integer('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  secret: text('secret'),
  pendingSecret: text('pending_secret'),
  enabledAt: timestamp('enabled_at', { withTimezone: true }),
  lastStep: bigint('last_step', { mode: 'number' }),
  updatedAt: updatedAt(),
});

/** One-time recovery codes (SHA-256 of 80 random bits each), shown once when two-factor is enrolled. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('recovery_codes_account_hash_key').on(t.accountId, t.codeHash)],
);

/** A login whose password was right, waiting for its second factor: bound to a cookie (only its hash kept). */
export const pendingLogins = pgTable(
  'pending_logins',
  {
    idHash: text('id_hash').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    next: text('next').notNull().default('/'),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('pending_logins_account_idx').on(t.accountId)],
);
