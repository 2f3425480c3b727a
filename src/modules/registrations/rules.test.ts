import { describe, expect, it } from 'vitest';
import {
  allowedModes,
  queueTime,
  type RegistrationEvent,
  type RegistrationState,
  registrationStates,
  registrationTransition,
} from './rules.ts';
import type { ParticipationMode } from './vocabulary.ts';

describe('places', () => {
  it.each([
    ['hybrid', ['in-person', 'remote']],
    ['virtual', ['remote']],
    ['in-person', ['in-person']],
  ])('a %s meeting accepts %j', (mode, modes) => {
    expect(allowedModes(mode)).toEqual(modes);
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
    'add part': { type: 'add-part' },
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
    ['none', 'add part', null, open, free, '!not-registered'],
    // A confirmed in-person place.
    ['registered', 'register in person', 'in-person', open, free, '!duplicate-registration'],
    ['registered', 'register remote', 'in-person', closed, free, '!duplicate-registration'],
    ['registered', 'change to in person', 'in-person', open, full, 'registered/none/-'],
    ['registered', 'change to remote', 'in-person', open, full, 'registered/none/-'],
    ['registered', 'change to remote', 'in-person', closed, free, '!registration-closed'],
    ['registered', 'cancel', 'in-person', open, full, 'cancelled/none/cancelled'],
    ['registered', 'cancel', 'in-person', closed, free, '!registration-closed'],
    ['registered', 'promote', 'in-person', open, free, '!not-waitlisted'],
    ['registered', 'add part', 'in-person', closed, full, 'registered/none/- ='],
    // A remote participant.
    ['registered', 'change to in person', 'remote', open, free, 'registered/none/-'],
    ['registered', 'change to in person', 'remote', open, full, 'waitlisted/join/-'],
    ['registered', 'change to remote', 'remote', open, full, 'registered/none/-'],
    ['registered', 'cancel', 'remote', open, full, 'cancelled/none/cancelled'],
    ['registered', 'add part', 'remote', open, free, 'registered/none/- ='],
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
    ['waitlisted', 'add part', 'in-person', open, full, 'waitlisted/keep/- ='],
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
    ['cancelled', 'add part', 'in-person', open, free, '!registration-cancelled'],
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

  it('closes the registration window to everything but promotions, added parts and repeated cancellations', () => {
    for (const { from, event, mode, placeFree } of combinations) {
      const t = registrationTransition(from, events[event]!, { mode, open: false, placeFree });
      const type = events[event]!.type;
      if (t.ok)
        expect(type === 'promote' || type === 'add-part' || (type === 'cancel' && from === 'cancelled'), `${from} + ${event}`).toBe(true);
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
