import { describe, expect, it } from 'vitest';
import {
  allowedModes,
  checkVisaDates,
  isVisaEligibleCategory,
  queueTime,
  type RegistrationEvent,
  type RegistrationState,
  registrationStates,
  registrationTransition,
  threeMonthsAfter,
} from './rules.ts';
import type { ParticipationMode } from './vocabulary.ts';

describe('visa eligibility by membership category', () => {
  it.each([
    ['member-state', true],
    ['sector-member', true],
    ['associate', true],
    ['academia', true],
    ['non-member', false],
    ['', false],
  ])('%s → %s', (category, eligible) => {
    expect(isVisaEligibleCategory(category)).toBe(eligible);
  });
});

describe('places', () => {
  it.each([
    ['hybrid', ['in-person', 'remote']],
    ['virtual', ['remote']],
    ['in-person', ['in-person']],
  ])('a %s meeting accepts %j', (mode, modes) => {
    expect(allowedModes(mode)).toEqual(modes);
  });
});

describe('visa dates', () => {
  const meeting = { firstDay: '2023-05-09', lastDay: '2023-05-10' };
  const ok = {
    dateOfBirth: '1980-02-03',
    passportIssuedOn: '2020-01-15',
    passportExpiresOn: '2030-01-14',
    arrivalDate: '2023-05-08',
    departureDate: '2023-05-11',
  };
  it.each([
    ['coherent', {}, []],
    ['expires 3 months after departure exactly', { passportExpiresOn: '2023-08-11' }, []],
    ['expires one day too early', { passportExpiresOn: '2023-08-10' }, ['passportExpiresOn:error.passportValidity']],
    [
      'issued after it expires',
      { passportIssuedOn: '2031-01-01' },
      ['passportIssuedOn:error.issuedInFuture', 'passportExpiresOn:error.dateOrder'],
    ],
    ['issued before birth', { dateOfBirth: '2021-01-01' }, ['passportIssuedOn:error.dateOrder']],
    ['departs before arriving', { departureDate: '2023-05-07' }, ['departureDate:error.dateOrder']],
    ['stay misses the meeting', { arrivalDate: '2023-06-01', departureDate: '2023-06-03' }, ['arrivalDate:error.staySpan']],
  ])('%s', (_name, change, expected) => {
    const problems = checkVisaDates({ ...ok, ...change }, meeting, '2023-04-06').map((p) => `${p.field}:${p.message}`);
    expect(problems).toEqual(expected);
  });

  it.each([
    ['2023-05-11', '2023-08-11'],
    ['2023-11-30', '2024-02-29'],
    ['2023-11-30', '2024-02-29'],
    ['2022-11-30', '2023-02-28'],
    ['2023-10-31', '2024-01-31'],
  ])('three months after %s is %s', (d, expected) => {
    expect(threeMonthsAfter(d)).toBe(expected);
  });
});

describe('the registration state machine', () => {
  const events: Record<string, RegistrationEvent> = {
    'register in person': { type: 'register', mode: 'in-person' },
    'register remote': { type: 'register', mode: 'remote' },
    'change to in person': { type: 'change', mode: 'in-person' },
    'change to remote': { type: 'change', mode: 'remote' },
    cancel: { type: 'cancel' },
    promote: { type: 'promote' },
    'request visa': { type: 'request-visa' },
  };
  /** `status/queue/mail`, `=` when nothing changes, or `!refusal`. */
  const outcome = (from: RegistrationState, event: string, mode: ParticipationMode | null, open: boolean, placeFree: boolean) => {
    const t = registrationTransition(from, events[event]!, { mode, open, placeFree });
    if (!t.ok) return `!${t.refusal}`;
    return `${t.to}/${t.queue}/${t.mail ?? '-'}${t.changed ? '' : ' ='}`;
  };
  const open = true;
  const closed = false;
  const free = true;
  const full = false;

  it.each([
    // No registration yet.
    ['none', 'register in person', null, open, free, 'registered/none/confirmed'],
    ['none', 'register in person', null, open, full, 'waitlisted/join/confirmed'],
    ['none', 'register remote', null, open, full, 'registered/none/confirmed'],
    ['none', 'register remote', null, closed, free, '!registration-closed'],
    ['none', 'change to remote', null, open, free, '!not-registered'],
    ['none', 'cancel', null, open, free, '!not-registered'],
    ['none', 'promote', null, open, free, '!not-waitlisted'],
    ['none', 'request visa', null, open, free, '!not-registered'],
    // A confirmed in-person place.
    ['registered', 'register in person', 'in-person', open, free, '!duplicate-registration'],
    ['registered', 'register remote', 'in-person', closed, free, '!duplicate-registration'],
    ['registered', 'change to in person', 'in-person', open, full, 'registered/none/-'],
    ['registered', 'change to remote', 'in-person', open, full, 'registered/none/-'],
    ['registered', 'change to remote', 'in-person', closed, free, '!registration-closed'],
    ['registered', 'cancel', 'in-person', open, full, 'cancelled/none/cancelled'],
    ['registered', 'cancel', 'in-person', closed, free, '!registration-closed'],
    ['registered', 'promote', 'in-person', open, free, '!not-waitlisted'],
    ['registered', 'request visa', 'in-person', closed, full, 'registered/none/- ='],
    // A remote participant.
    ['registered', 'change to in person', 'remote', open, free, 'registered/none/-'],
    ['registered', 'change to in person', 'remote', open, full, 'waitlisted/join/-'],
    ['registered', 'change to remote', 'remote', open, full, 'registered/none/-'],
    ['registered', 'cancel', 'remote', open, full, 'cancelled/none/cancelled'],
    ['registered', 'request visa', 'remote', open, free, '!visa-in-person-only'],
    // On the waiting list (always in person).
    ['waitlisted', 'register in person', 'in-person', open, free, '!duplicate-registration'],
    ['waitlisted', 'change to in person', 'in-person', open, free, 'waitlisted/keep/-'],
    ['waitlisted', 'change to in person', 'in-person', open, full, 'waitlisted/keep/-'],
    ['waitlisted', 'change to remote', 'in-person', open, full, 'registered/none/-'],
    ['waitlisted', 'change to remote', 'in-person', closed, full, '!registration-closed'],
    ['waitlisted', 'cancel', 'in-person', open, full, 'cancelled/none/cancelled'],
    ['waitlisted', 'cancel', 'in-person', closed, full, '!registration-closed'],
    ['waitlisted', 'promote', 'in-person', closed, free, 'registered/none/promoted'],
    ['waitlisted', 'promote', 'in-person', open, full, '!no-place-free'],
    ['waitlisted', 'request visa', 'in-person', open, full, 'waitlisted/keep/- ='],
    // Cancelled: only a new registration brings it back; a repeated cancellation changes nothing.
    ['cancelled', 'register in person', 'in-person', open, free, 'registered/none/confirmed'],
    ['cancelled', 'register in person', 'remote', open, full, 'waitlisted/join/confirmed'],
    ['cancelled', 'register remote', 'in-person', open, full, 'registered/none/confirmed'],
    ['cancelled', 'register remote', 'in-person', closed, free, '!registration-closed'],
    ['cancelled', 'change to remote', 'in-person', open, free, '!registration-cancelled'],
    ['cancelled', 'change to in person', 'remote', open, free, '!registration-cancelled'],
    ['cancelled', 'change to remote', 'in-person', closed, free, '!registration-closed'],
    ['cancelled', 'cancel', 'in-person', open, free, 'cancelled/none/- ='],
    ['cancelled', 'cancel', 'in-person', closed, free, 'cancelled/none/- ='],
    ['cancelled', 'promote', 'in-person', open, free, '!not-waitlisted'],
    ['cancelled', 'request visa', 'in-person', open, free, '!registration-cancelled'],
  ] as const)('%s + %s (was %s, open %s, place free %s) → %s', (from, event, mode, isOpen, placeFree, expected) => {
    expect(outcome(from, event, mode, isOpen, placeFree)).toBe(expected);
  });

  // Every combination, against the invariants the table illustrates.
  const combinations = registrationStates.flatMap((from) =>
    Object.keys(events).flatMap((event) =>
      [null, 'in-person', 'remote'].flatMap((mode) =>
        [true, false].flatMap((isOpen) =>
          [true, false].map((placeFree) => ({ from, event, mode: mode as ParticipationMode | null, isOpen, placeFree })),
        ),
      ),
    ),
  );

  it('never revives a cancelled registration but by registering again, and never demotes a confirmed place', () => {
    for (const { from, event, mode, isOpen, placeFree } of combinations) {
      const t = registrationTransition(from, events[event]!, { mode, open: isOpen, placeFree });
      const label = `${from} + ${event} (${mode}, ${isOpen}, ${placeFree})`;
      if (!t.ok) continue;
      if (from === 'cancelled' && t.to !== 'cancelled') expect(events[event]!.type, label).toBe('register');
      if (from === 'registered' && mode === 'in-person') expect(t.to, label).not.toBe('waitlisted');
      if (t.to === 'waitlisted' && from !== 'waitlisted') {
        expect(placeFree, label).toBe(false);
        expect(t.queue, label).toBe('join');
      }
      expect(t.mail === 'cancelled', label).toBe(t.to === 'cancelled' && t.changed);
      if (!t.changed) expect(t.to, label).toBe(from);
    }
    expect(combinations).toHaveLength(4 * 7 * 3 * 2 * 2);
  });

  it('closes the registration window to everything but promotions, visa requests and repeated cancellations', () => {
    for (const { from, event, mode, placeFree } of combinations) {
      const t = registrationTransition(from, events[event]!, { mode, open: false, placeFree });
      const type = events[event]!.type;
      if (t.ok)
        expect(type === 'promote' || type === 'request-visa' || (type === 'cancel' && from === 'cancelled'), `${from} + ${event}`).toBe(
          true,
        );
    }
  });
});

describe('waiting-list times', () => {
  const at = (ms: number) => new Date(Date.UTC(2023, 3, 6, 8) + ms);
  it.each([
    ['nobody waiting', 0, null, 0],
    ['the last joined earlier', 5, 2, 5],
    ['the last joined in the same millisecond', 5, 5, 6],
    ['the last has a later time (another clock)', 5, 9, 10],
  ] as const)('%s', (_name, now, last, expected) => {
    expect(queueTime(at(now), last === null ? null : at(last)).getTime()).toBe(at(expected).getTime());
  });
});
