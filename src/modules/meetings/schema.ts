import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, serial, text, time } from 'drizzle-orm/pg-core';
import { jsonbArrayInVocabulary, vocabularyCheck } from '../../platform/db/checks.ts';
import { createdAt, localized, updatedAt } from '../../platform/db/columns.ts';
import { groups, subgroups } from '../groups/schema.ts';
import { type RegistrationApproval, registrationApprovals } from '../groups/vocabulary.ts';
import {
  type LatePolicy,
  latePolicies,
  type MeetingMode,
  meetingModes,
  type ParticipantListVisibility,
  participantListVisibilities,
  type WorkingLanguage,
  workingLanguages,
} from './vocabulary.ts';

export const meetings = pgTable(
  'meetings',
  {
    id: serial('id').primaryKey(),
    groupId: integer('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'restrict' }),
    title: localized('title'),
    venueName: localized('venue_name'),
    venueCity: localized('venue_city'),
    venueCountry: text('venue_country').notNull().default(''),
    timeZone: text('time_zone').notNull(),
    mode: text('mode').$type<MeetingMode>().notNull(),
    languages: jsonb('languages').$type<WorkingLanguage[]>().notNull().default(['en']),
    practicalInfo: localized('practical_info'),
    registrationDeadline: date('registration_deadline').notNull(),
    visaSupportDeadline: date('visa_support_deadline').notNull(),
    contributionsDeadline: date('contributions_deadline').notNull(),
    /** In-person places; null means unlimited. Later in-person registrants wait in a queue. */
    inPersonCapacity: integer('in_person_capacity'),
    participantListVisibility: text('participant_list_visibility').$type<ParticipantListVisibility>().notNull().default('secretariat'),
    /** After the contribution deadline a submission is 'refuse'd or accepted and 'flag'ged late. */
    lateContributions: text('late_contributions').$type<LatePolicy>().notNull().default('flag'),
    /** Whether registrations wait for a focal point's approval; null: as the group decides. */
    registrationApproval: text('registration_approval').$type<RegistrationApproval>(),
    /** Remote-participation details are mailed to those entitled this many days before the first day. */
    remoteDetailsDaysBefore: integer('remote_details_days_before').notNull().default(3),
    /** Counts the meeting's changes; calendar feeds give it as each event's SEQUENCE so apps replace old copies. */
    revision: integer('revision').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('meetings_group_idx').on(t.groupId),
    vocabularyCheck('meetings_mode_check', t.mode, meetingModes),
    check('meetings_languages_check', jsonbArrayInVocabulary(t.languages, workingLanguages)),
    vocabularyCheck('meetings_participant_list_visibility_check', t.participantListVisibility, participantListVisibilities),
    vocabularyCheck('meetings_late_contributions_check', t.lateContributions, latePolicies),
    vocabularyCheck('meetings_registration_approval_check', t.registrationApproval, registrationApprovals),
  ],
);

export const meetingSessions = pgTable(
  'meeting_sessions',
  {
    id: serial('id').primaryKey(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    subgroupId: integer('subgroup_id')
      .notNull()
      .references(() => subgroups.id, { onDelete: 'restrict' }),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    /** Each day's wall-clock hours in the meeting's time zone ("09:30:00"); both or neither, none for an all-day session. */
    startTime: time('start_time'),
    endTime: time('end_time'),
    room: localized('room'),
  },
  (t) => [
    index('meeting_sessions_meeting_idx').on(t.meetingId),
    check(
      'meeting_sessions_times_check',
      sql`(${t.startTime} IS NULL) = (${t.endTime} IS NULL) AND (${t.startTime} IS NULL OR ${t.endTime} > ${t.startTime})`,
    ),
  ],
);
