import { fgmv, fgmvMay2023, fgmvOfficers, fgmvSubgroups, tsb } from '../../demo/fg-mv.ts';
import type { CircularFacts } from '../../src/modules/circulars/facts.ts';
import type { IssuedVersion } from '../../src/modules/circulars/letter.ts';

/** The facts of TSB Circular 90 (FG-MV, May 2023), as the demo seeds them. */
export const circular90Facts = (): CircularFacts => ({
  bureau: { code: tsb.code, name: tsb.name, abbreviation: tsb.abbreviation, organization: tsb.organization, city: tsb.city },
  initials: 'FG-MV/CB',
  addressees: ['member-states', 'academia'],
  copyTo: [],
  contact: { tel: fgmv.contactTel, fax: fgmv.contactFax, email: fgmv.contactEmail },
  group: {
    code: fgmv.code,
    name: fgmv.name,
    mandate: fgmv.mandate,
    parentBody: fgmv.parentBody,
    establishedOn: fgmv.establishedOn,
    establishedBy: {},
    contributionEmail: '',
  },
  officers: fgmvOfficers.map((o) => ({ ...o })),
  subgroups: fgmvSubgroups.map((s) => ({ kind: s.kind, number: s.number, title: s.title })),
  meeting: {
    id: 1,
    title: fgmvMay2023.title,
    venueName: fgmvMay2023.venue.names,
    venueCity: fgmvMay2023.venue.cities,
    venueCountry: 'CH',
    mode: 'hybrid',
    languages: ['en'],
    sessions: [
      { kind: 'WG', number: 5, title: fgmvSubgroups[5].title, startDate: '2023-05-09', endDate: '2023-05-10' },
      { kind: 'WG', number: 6, title: fgmvSubgroups[6].title, startDate: '2023-05-09', endDate: '2023-05-09' },
    ],
  },
  deadlines: { visaSupport: '2023-04-14', registration: '2023-04-21', contributions: '2023-05-02' },
  links: {
    group: 'https://x.test/groups/fg-mv',
    meeting: 'https://x.test/meetings/1/register',
    template: 'https://x.test/t.docx',
    subscribe: 'https://x.test/groups/fg-mv/list',
  },
});

/** Circular 90, corrigendum 1: the pre-registration deadline moved from 18 to 21 April. */
export function circular90Corrigendum(): IssuedVersion {
  const previous = circular90Facts();
  previous.deadlines.registration = '2023-04-18';
  return {
    number: 90,
    version: 2,
    issuedOn: '2023-04-06',
    facts: circular90Facts(),
    previous: { issuedOn: '2023-04-01', facts: previous },
  };
}
