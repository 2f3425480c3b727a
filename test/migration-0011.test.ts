import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoles, accountTokenPurposes, membershipCategories, personalTitles } from '../src/modules/accounts/vocabulary.ts';
import { agendaStatuses } from '../src/modules/agendas/vocabulary.ts';
import {
  documentStatuses,
  documentTypes,
  inboundMailOutcomes,
  inboundStatuses,
  submissionChannels,
} from '../src/modules/documents/vocabulary.ts';
import {
  documentAccessLevels,
  groupStatuses,
  officerRoles,
  registrationApprovals,
  subgroupKinds,
} from '../src/modules/groups/vocabulary.ts';
import { subscriptionStatuses } from '../src/modules/mailing-lists/vocabulary.ts';
import {
  contributionClasses,
  latePolicies,
  meetingModes,
  participantListVisibilities,
  tooLatePolicies,
} from '../src/modules/meetings/vocabulary.ts';
import { participationModes } from '../src/modules/registrations/vocabulary.ts';
import { visaStatuses } from '../src/modules/visas/vocabulary.ts';
import type { Database } from '../src/platform/db/index.ts';
import { migrate, readMigrations } from '../src/platform/db/migrate.ts';
import { locales } from '../src/platform/i18n/index.ts';
import { jobStatuses } from '../src/platform/jobs/vocabulary.ts';
import { outboxStatuses } from '../src/platform/mail/vocabulary.ts';
import { emptyDatabase } from './support/empty-database.ts';
import { databaseKinds } from './support/harness.ts';

/**
 * Migration 0011: every status, mode, kind and category column holds only its vocabulary's values. An empty
 * database of each kind is migrated to just before it, given rows (some with languages the code used to
 * tolerate), then migrated on; each vocabulary value is accepted and anything else refused, by name.
 */

/** One row in every table with a vocabulary column, written as a version before 0011 could. */
const fixture = `
  INSERT INTO groups (id, code, deadline_rules) VALUES (1, 'g', '{}');
  INSERT INTO subgroups (id, group_id, kind, number) VALUES (1, 1, 'WG', 1);
  INSERT INTO officers (id, group_id, role, name) VALUES (1, 1, 'chair', 'C');
  INSERT INTO meetings (id, group_id, time_zone, mode, registration_deadline, visa_support_deadline, contributions_deadline)
    VALUES (1, 1, 'UTC', 'hybrid', '2030-01-01', '2030-01-01', '2030-01-01');
  INSERT INTO meeting_sessions (id, meeting_id, subgroup_id, start_date, end_date) VALUES (1, 1, 1, '2030-02-01', '2030-02-02');
  INSERT INTO agendas (id, session_id, version) VALUES (1, 1, 1);
  INSERT INTO accounts (id, email, password_hash, given_name, family_name, preferred_language) VALUES
    (1, 'a@example.org', 'x', 'A', 'A', 'fr'),
    (2, 'b@example.org', 'x', 'B', 'B', 'de'),
    (3, 'c@example.org', 'x', 'C', 'C', NULL);
  INSERT INTO account_tokens (id, account_id, purpose, token_hash, expires_at) VALUES (1, 1, 'verify-email', 'h', now());
  INSERT INTO signup_requests (id, email, password_hash, profile, locale, token_hash, expires_at) VALUES
    (1, 's@example.org', 'x', '{}', 'zh', 't1', now()),
    (2, 't@example.org', 'x', '{}', 'pt', 't2', now());
  INSERT INTO list_subscriptions (id, group_id, email, locale, unsubscribe_token_hash, unsubscribe_token_sealed) VALUES
    (1, 1, 'l@example.org', 'ar', 'u1', 's'),
    (2, 1, 'm@example.org', 'en-GB', 'u2', 's');
  INSERT INTO registrations (id, meeting_id, account_id, number, mode, sessions, status, consent_at)
    VALUES (1, 1, 1, 'R1-0001', 'in-person', '[]', 'registered', now());
  INSERT INTO visa_requests (id, registration_id, nationality, representation_city, representation_country, arrival_date, departure_date)
    VALUES (1, 1, 'CN', 'Beijing', 'CN', '2030-01-30', '2030-02-03');
  INSERT INTO documents (id, group_id, meeting_id, type, seq, number, title) VALUES (1, 1, 1, 'I', 1, 'G-I-001', 'T');
  INSERT INTO document_search (document_id, group_id, meeting_id, type, vector) VALUES (1, 1, 1, 'I', '');
  INSERT INTO document_counters (group_id, type, last) VALUES (1, 'I', 1);
  INSERT INTO inbound_submissions (id, group_id, from_address, filename, file_hash, file_size, media_type)
    VALUES (1, 1, 'x@example.org', 'x.pdf', 'h', 1, 'application/pdf');
  INSERT INTO inbound_mail_log (id, from_address, outcome) VALUES (1, 'x@example.org', 'rejected:file-type');
  INSERT INTO jobs (id, kind, key, run_at) VALUES (1, 'purge', 'purge:1', now());
  INSERT INTO outbox (id, kind, to_address) VALUES (1, 'test', 'x@example.org');
`;

/** Every vocabulary CHECK: the row it is tried on, and the values it must accept. */
const checks: { constraint: string; table: string; column: string; where: string; values: readonly string[] }[] = [
  { constraint: 'accounts_title_check', table: 'accounts', column: 'title', where: 'id = 1', values: personalTitles },
  { constraint: 'accounts_category_check', table: 'accounts', column: 'category', where: 'id = 1', values: membershipCategories },
  { constraint: 'accounts_role_check', table: 'accounts', column: 'role', where: 'id = 1', values: accountRoles },
  { constraint: 'accounts_preferred_language_check', table: 'accounts', column: 'preferred_language', where: 'id = 1', values: locales },
  { constraint: 'account_tokens_purpose_check', table: 'account_tokens', column: 'purpose', where: 'id = 1', values: accountTokenPurposes },
  { constraint: 'signup_requests_locale_check', table: 'signup_requests', column: 'locale', where: 'id = 1', values: locales },
  { constraint: 'agendas_status_check', table: 'agendas', column: 'status', where: 'id = 1', values: agendaStatuses },
  { constraint: 'documents_type_check', table: 'documents', column: 'type', where: 'id = 1', values: documentTypes },
  { constraint: 'documents_submitted_via_check', table: 'documents', column: 'submitted_via', where: 'id = 1', values: submissionChannels },
  { constraint: 'documents_status_check', table: 'documents', column: 'status', where: 'id = 1', values: documentStatuses },
  {
    constraint: 'documents_deadline_class_check',
    table: 'documents',
    column: 'deadline_class',
    where: 'id = 1',
    values: contributionClasses,
  },
  { constraint: 'document_search_type_check', table: 'document_search', column: 'type', where: 'document_id = 1', values: documentTypes },
  { constraint: 'document_counters_type_check', table: 'document_counters', column: 'type', where: 'group_id = 1', values: documentTypes },
  {
    constraint: 'inbound_submissions_status_check',
    table: 'inbound_submissions',
    column: 'status',
    where: 'id = 1',
    values: inboundStatuses,
  },
  {
    constraint: 'inbound_mail_log_outcome_check',
    table: 'inbound_mail_log',
    column: 'outcome',
    where: 'id = 1',
    values: inboundMailOutcomes,
  },
  { constraint: 'groups_status_check', table: 'groups', column: 'status', where: 'id = 1', values: groupStatuses },
  { constraint: 'groups_document_access_check', table: 'groups', column: 'document_access', where: 'id = 1', values: documentAccessLevels },
  {
    constraint: 'groups_registration_approval_check',
    table: 'groups',
    column: 'registration_approval',
    where: 'id = 1',
    values: registrationApprovals,
  },
  { constraint: 'subgroups_kind_check', table: 'subgroups', column: 'kind', where: 'id = 1', values: subgroupKinds },
  { constraint: 'officers_role_check', table: 'officers', column: 'role', where: 'id = 1', values: officerRoles },
  { constraint: 'list_subscriptions_locale_check', table: 'list_subscriptions', column: 'locale', where: 'id = 1', values: locales },
  {
    constraint: 'list_subscriptions_status_check',
    table: 'list_subscriptions',
    column: 'status',
    where: 'id = 1',
    values: subscriptionStatuses,
  },
  { constraint: 'meetings_mode_check', table: 'meetings', column: 'mode', where: 'id = 1', values: meetingModes },
  {
    constraint: 'meetings_participant_list_visibility_check',
    table: 'meetings',
    column: 'participant_list_visibility',
    where: 'id = 1',
    values: participantListVisibilities,
  },
  {
    constraint: 'meetings_late_contributions_check',
    table: 'meetings',
    column: 'late_contributions',
    where: 'id = 1',
    values: latePolicies,
  },
  {
    constraint: 'meetings_too_late_contributions_check',
    table: 'meetings',
    column: 'too_late_contributions',
    where: 'id = 1',
    values: tooLatePolicies,
  },
  {
    constraint: 'meetings_registration_approval_check',
    table: 'meetings',
    column: 'registration_approval',
    where: 'id = 1',
    values: registrationApprovals,
  },
  // The status's other invariants (cancelled_at, waitlisted_at, decline_reason) are migration 0008's and 0016's:
  // only `registered` and `pending-approval` fit this row.
  {
    constraint: 'registrations_status_check',
    table: 'registrations',
    column: 'status',
    where: 'id = 1',
    values: ['registered', 'pending-approval'],
  },
  { constraint: 'registrations_mode_check', table: 'registrations', column: 'mode', where: 'id = 1', values: participationModes },
  { constraint: 'visa_requests_status_check', table: 'visa_requests', column: 'status', where: 'id = 1', values: visaStatuses },
  { constraint: 'jobs_status_check', table: 'jobs', column: 'status', where: 'id = 1', values: jobStatuses },
  { constraint: 'outbox_status_check', table: 'outbox', column: 'status', where: 'id = 1', values: outboxStatuses },
];
/**
 * CHECKs that are no vocabulary's: the registration state machine's (migration 0008), the languages array's and
 * the session hours' (migration 0013), a declined registration's reason (0016, test/registration-approval.test.ts); and
 * vocabularies of tables made after this migration, tried where their module is tested (organizations_category_check:
 * test/organizations.test.ts; document_decisions_*: test/decisions.test.ts; liaisons_*: test/liaisons.test.ts).
 */
const otherChecks = [
  'document_decisions_decision_check',
  'document_decisions_not_itself_check',
  'liaisons_direction_check',
  'liaisons_purpose_check',
  'meeting_sessions_times_check',
  'organizations_category_check',
  'meetings_languages_check',
  'registration_quotas_places_check',
  'registrations_cancelled_at_check',
  'registrations_decline_reason_check',
  'registrations_waitlisted_at_check',
  'registrations_waitlisted_in_person_check',
];

const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

describe.each(databaseKinds)('migration 0011 (vocabularies) on %s', (kind) => {
  let db: Database;
  let dispose: (() => Promise<void>) | undefined;
  // One database per kind: the tests below read the repaired rows first, then try values on them.
  beforeAll(async () => {
    const opened = await emptyDatabase(kind, 'm11');
    ({ db, dispose } = opened);
    const all = readMigrations();
    const before = all.filter((m) => m.name < '0011');
    expect(before.length).toBe(all.findIndex((m) => m.name.startsWith('0011_')));
    await migrate(db, before);
    await db.exec(fixture);
    expect(await migrate(db, all)).toEqual(all.slice(before.length).map((m) => m.name));
  });
  afterAll(async () => {
    await dispose?.();
  });

  it('keeps the rows in use, and repairs only the languages the code read as English', async () => {
    expect(await db.exec('SELECT id, preferred_language FROM accounts ORDER BY id')).toEqual([
      { id: 1, preferred_language: 'fr' },
      { id: 2, preferred_language: null },
      { id: 3, preferred_language: null },
    ]);
    expect(await db.exec('SELECT id, locale FROM signup_requests ORDER BY id')).toEqual([
      { id: 1, locale: 'zh' },
      { id: 2, locale: 'en' },
    ]);
    expect(await db.exec('SELECT id, locale FROM list_subscriptions ORDER BY id')).toEqual([
      { id: 1, locale: 'ar' },
      { id: 2, locale: 'en' },
    ]);
    expect(await db.exec('SELECT outcome FROM inbound_mail_log')).toEqual([{ outcome: 'rejected:file-type' }]);
  });

  it('has a CHECK for every vocabulary column, and no other', async () => {
    const found = await db.exec(`SELECT conname FROM pg_constraint WHERE contype = 'c' AND connamespace = 'public'::regnamespace`);
    expect(found.map((r) => String(r.conname)).sort()).toEqual([...checks.map((c) => c.constraint), ...otherChecks].sort());
  });

  it('accepts every value of each vocabulary and refuses any other, by UPDATE and by INSERT', async () => {
    for (const c of checks) {
      for (const value of c.values) {
        await db.exec(`UPDATE ${c.table} SET ${c.column} = ${literal(value)} WHERE ${c.where}`);
        expect(await db.exec(`SELECT ${c.column} AS v FROM ${c.table} WHERE ${c.where}`), c.constraint).toEqual([{ v: value }]);
      }
      // A word of no vocabulary, a near miss, and the empty string where it is no value.
      for (const wrong of ['unknown', `${c.values.at(-1)} `, ...(c.values.includes('') ? [] : [''])]) {
        await expect(
          db.exec(`UPDATE ${c.table} SET ${c.column} = ${literal(wrong)} WHERE ${c.where}`),
          `${c.constraint}: ${wrong}`,
        ).rejects.toThrow(new RegExp(c.constraint));
      }
    }
    await expect(db.exec("INSERT INTO outbox (kind, to_address, status) VALUES ('test', 'y@example.org', 'bounced')")).rejects.toThrow(
      /outbox_status_check/,
    );
    await expect(
      db.exec(`INSERT INTO inbound_mail_log (from_address, outcome) VALUES ('y@example.org', 'rejected:too-late')`),
    ).rejects.toThrow(/inbound_mail_log_outcome_check/);
    await expect(db.exec(`INSERT INTO subgroups (group_id, kind, number) VALUES (1, 'SG', 2)`)).rejects.toThrow(/subgroups_kind_check/);
  });

  it('refuses a meeting language outside the six, and languages that are not a list', async () => {
    await db.exec(`UPDATE meetings SET languages = ${literal(JSON.stringify(locales))}::jsonb WHERE id = 1`);
    await db.exec(`UPDATE meetings SET languages = '["zh"]'::jsonb WHERE id = 1`);
    for (const wrong of ['["en","de"]', '"en"', '{"en":true}']) {
      await expect(db.exec(`UPDATE meetings SET languages = ${literal(wrong)}::jsonb WHERE id = 1`), wrong).rejects.toThrow(
        /meetings_languages_check/,
      );
    }
  });
});
