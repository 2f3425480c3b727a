import type { MembershipCategory } from '../accounts/vocabulary.ts';

/** Only an official request of an ITU member can ask TSB for visa support (Circular 90, §5). */
const visaEligible = new Set<MembershipCategory>(['member-state', 'sector-member', 'associate', 'academia']);
export const isVisaEligibleCategory = (category: string) => visaEligible.has(category as MembershipCategory);

/**
 * Whether a visa support letter still counts: issued, and the request neither withdrawn (the
 * registration was cancelled or switched to remote) nor purged since. A void letter is not offered to
 * its participant any more; the secretariat keeps it for its records until the purge.
 */
export const letterValid = (visa: { status: string; letterPdf: string | null }) => visa.status === 'letter-sent' && visa.letterPdf !== null;

interface VisaDates {
  dateOfBirth: string;
  passportIssuedOn: string;
  passportExpiresOn: string;
  arrivalDate: string;
  departureDate: string;
}

type VisaDateProblem = {
  field: keyof VisaDates;
  message: 'error.passportValidity' | 'error.dateOrder' | 'error.staySpan' | 'error.issuedInFuture';
};

/**
 * Coherence of the visa request's dates: born before the passport was issued, issued before today and
 * before it expires, the stay overlaps the meeting, and the passport is valid at least three months
 * after departure (the Schengen rule).
 */
export function checkVisaDates(d: VisaDates, meeting: { firstDay: string; lastDay: string }, today: string): VisaDateProblem[] {
  const problems: VisaDateProblem[] = [];
  if (d.passportIssuedOn <= d.dateOfBirth) problems.push({ field: 'passportIssuedOn', message: 'error.dateOrder' });
  if (d.passportIssuedOn > today) problems.push({ field: 'passportIssuedOn', message: 'error.issuedInFuture' });
  if (d.passportExpiresOn <= d.passportIssuedOn) problems.push({ field: 'passportExpiresOn', message: 'error.dateOrder' });
  if (d.departureDate < d.arrivalDate) problems.push({ field: 'departureDate', message: 'error.dateOrder' });
  else if (d.arrivalDate > meeting.lastDay || d.departureDate < meeting.firstDay)
    problems.push({ field: 'arrivalDate', message: 'error.staySpan' });
  if (d.passportExpiresOn < threeMonthsAfter(d.departureDate))
    problems.push({ field: 'passportExpiresOn', message: 'error.passportValidity' });
  return problems;
}

/** Same day of the month three months later (clamped to the month's end: 30 Nov → 28/29 Feb). */
export function threeMonthsAfter(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + 3, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}
