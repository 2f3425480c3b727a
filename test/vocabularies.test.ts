import { describe, expect, it } from 'vitest';
import * as accounts from '../src/modules/accounts/vocabulary.ts';
import * as agendas from '../src/modules/agendas/vocabulary.ts';
import { letterCatalogs } from '../src/modules/circulars/text/index.ts';
import * as circulars from '../src/modules/circulars/vocabulary.ts';
import * as decisions from '../src/modules/decisions/vocabulary.ts';
import * as documents from '../src/modules/documents/vocabulary.ts';
import * as groups from '../src/modules/groups/vocabulary.ts';
import * as lists from '../src/modules/mailing-lists/vocabulary.ts';
import * as meetings from '../src/modules/meetings/vocabulary.ts';
import * as registrations from '../src/modules/registrations/vocabulary.ts';
import * as visas from '../src/modules/visas/vocabulary.ts';
import { catalogs, locales } from '../src/platform/i18n/index.ts';
import * as jobs from '../src/platform/jobs/vocabulary.ts';
import * as mail from '../src/platform/mail/vocabulary.ts';

/** Each vocabulary with its labels: one label per value, no two values alike, every label worded in all six languages. */
const labelled: [string, readonly string[], Record<string, string>][] = [
  ['membership categories', accounts.membershipCategories, accounts.membershipCategoryLabel],
  ['personal titles', accounts.personalTitles, accounts.personalTitleLabel],
  ['group statuses', groups.groupStatuses, groups.groupStatusLabel],
  ['document access', groups.documentAccessLevels, groups.documentAccessLabel],
  ['subgroup kinds', groups.subgroupKinds, groups.subgroupKindLabel],
  ['officer roles', groups.officerRoles, groups.officerRoleLabel],
  ['meeting modes', meetings.meetingModes, meetings.meetingModeLabel],
  ['participant lists', meetings.participantListVisibilities, meetings.participantListVisibilityLabel],
  ['late contributions', meetings.latePolicies, meetings.latePolicyLabel],
  ['deadlines', meetings.deadlineKinds, meetings.deadlineLabel],
  ['registration statuses', registrations.registrationStatuses, registrations.registrationStatusLabel],
  ['participation modes', registrations.participationModes, registrations.participationModeLabel],
  ['visa statuses', visas.visaStatuses, visas.visaStatusLabel],
  ['sexes', visas.sexes, visas.sexLabel],
  ['document types', documents.documentTypes, documents.documentTypeLabel],
  ['inbound rejections', documents.inboundRejections, documents.inboundRejectionLabel],
  ['decisions', decisions.decisionKinds, decisions.decisionKindLabel],
  ['subscription statuses', lists.subscriptionStatuses, lists.subscriptionStatusLabel],
  ['outbox statuses', mail.outboxStatuses, mail.outboxStatusLabel],
];

/** Vocabularies never shown as words. */
const unlabelled: [string, readonly string[]][] = [
  ['account roles', accounts.accountRoles],
  ['token purposes', accounts.accountTokenPurposes],
  ['agenda statuses', agendas.agendaStatuses],
  ['submission channels', documents.submissionChannels],
  ['inbound statuses', documents.inboundStatuses],
  ['inbound mail outcomes', documents.inboundMailOutcomes],
  ['delivery statuses', lists.deliveryStatuses],
  ['job statuses', jobs.jobStatuses],
  ['working languages', meetings.workingLanguages],
];

describe('vocabularies', () => {
  it.each([...labelled.map(([name, values]) => [name, values] as const), ...unlabelled])('%s: values are distinct', (_name, values) => {
    expect(values.length).toBeGreaterThan(0);
    expect(new Set(values).size).toBe(values.length);
  });

  it.each(labelled)('%s: one label per value, distinct, in all six catalogs', (_name, values, labels) => {
    expect(Object.keys(labels).sort()).toEqual([...values].sort());
    const keys = values.map((v) => labels[v]!);
    expect(new Set(keys).size).toBe(keys.length);
    for (const locale of locales) for (const key of keys) expect(catalogs[locale], `${locale}: ${key}`).toHaveProperty([key]);
  });

  it.each([
    ['addressees', circulars.addresseeKeys, circulars.addresseeText],
    ['copied to', circulars.copyToKeys, circulars.copyToText],
    ['deadlines', meetings.deadlineKinds, circulars.deadlineText],
  ] as const)('circular %s: one wording per value, in every language of the letter', (_name, values, text) => {
    expect(Object.keys(text).sort()).toEqual([...values].sort());
    for (const [locale, catalog] of Object.entries(letterCatalogs)) {
      for (const v of values) expect(catalog, `${locale}: ${v}`).toHaveProperty([text[v as keyof typeof text]]);
    }
  });

  it('the working languages are the languages of the interface', () => {
    expect(meetings.workingLanguages).toBe(locales);
  });
});
