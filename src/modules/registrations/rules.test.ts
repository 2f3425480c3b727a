import { describe, expect, it } from 'vitest';
import {
  allowedModes,
  needsApproval,
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
    approve: { type: 'approve' },
    decline: { type: 'decline' },
  };
  /** `status/queue/mail`, `=` when nothing changes, or `!refusal`. */
  const outcome = (
    from: RegistrationState,
    event: string,
    mode: ParticipationMode | null,
    open: boolean,
    placeFree: boolean,
    approval = false,
  ) => {
    const t = registrationTransition(from, events[event]!, { mode, open, placeFree, needsApproval: approval });
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

  it.each([
    // Registering where approval is needed: no place is taken, whatever is free.
    ['none', 'register in person', null, open, full, 'pending-approval/none/awaiting-approval'],
    ['none', 'register remote', null, open, free, 'pending-approval/none/awaiting-approval'],
    ['none', 'register remote', null, closed, free, '!registration-closed'],
    ['cancelled', 'register in person', 'in-person', open, free, 'pending-approval/none/awaiting-approval'],
    ['declined', 'register in person', 'in-person', open, free, 'pending-approval/none/awaiting-approval'],
    ['pending-approval', 'register remote', 'remote', open, free, '!duplicate-registration'],
    // Approval takes a place then, or joins the queue; after the deadline too.
    ['pending-approval', 'approve', 'in-person', closed, free, 'registered/none/confirmed'],
    ['pending-approval', 'approve', 'in-person', closed, full, 'waitlisted/join/confirmed'],
    ['pending-approval', 'approve', 'remote', open, full, 'registered/none/confirmed'],
    ['pending-approval', 'decline', 'in-person', closed, free, 'declined/none/declined'],
    // A decision taken again (a retried request) changes nothing; a decision on what never waited is refused.
    ['registered', 'approve', 'in-person', open, full, 'registered/keep/- ='],
    ['waitlisted', 'approve', 'in-person', open, full, 'waitlisted/keep/- ='],
    ['declined', 'decline', 'remote', open, free, 'declined/none/- ='],
    ['declined', 'approve', 'remote', open, free, '!not-pending-approval'],
    ['cancelled', 'approve', 'remote', open, free, '!not-pending-approval'],
    ['registered', 'decline', 'remote', open, free, '!not-pending-approval'],
    ['none', 'approve', null, open, free, '!not-pending-approval'],
    // While waiting: changes keep it waiting, the person may cancel, parts (a visa request) may be added.
    ['pending-approval', 'change to in person', 'remote', open, full, 'pending-approval/none/-'],
    ['pending-approval', 'change to remote', 'in-person', closed, free, '!registration-closed'],
    ['pending-approval', 'cancel', 'in-person', open, free, 'cancelled/none/cancelled'],
    ['pending-approval', 'add part', 'in-person', closed, free, 'pending-approval/none/- ='],
    ['pending-approval', 'promote', 'in-person', open, free, '!not-waitlisted'],
    // Declined: nothing to change or cancel.
    ['declined', 'change to remote', 'in-person', open, free, '!registration-declined'],
    ['declined', 'cancel', 'in-person', open, free, 'declined/none/- ='],
    ['declined', 'add part', 'in-person', open, free, '!registration-declined'],
  ] as const)('with approval: %s + %s (was %s, open %s, place free %s) → %s', (from, event, mode, isOpen, placeFree, expected) => {
    expect(outcome(from, event, mode, isOpen, placeFree, true)).toBe(expected);
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
      if ((from === 'cancelled' || from === 'declined') && t.to !== from) expect(events[event]!.type, label).toBe('register');
      // Only an approval ends the wait for one (or the person's cancellation).
      if (from === 'pending-approval' && t.to !== from) expect(['approve', 'decline', 'cancel'], label).toContain(events[event]!.type);
      if (from === 'registered' && mode === 'in-person') expect(t.to, label).not.toBe('waitlisted');
      if (t.to === 'waitlisted' && from !== 'waitlisted') {
        expect(placeFree, label).toBe(false);
        expect(t.queue, label).toBe('join');
      }
      expect(t.mail === 'cancelled', label).toBe(t.to === 'cancelled' && t.changed);
      if (!t.changed) expect(t.to, label).toBe(from);
    }
    expect(combinations).toHaveLength(6 * 9 * 3 * 2 * 2);
  });

  it('closes the registration window to everything but promotions, added parts, approvals and repeated cancellations', () => {
    for (const { from, event, mode, placeFree } of combinations) {
      const t = registrationTransition(from, events[event]!, { mode, open: false, placeFree });
      const type = events[event]!.type;
      if (t.ok)
        expect(
          ['promote', 'add-part', 'approve', 'decline'].includes(type) ||
            (type === 'cancel' && (from === 'cancelled' || from === 'declined')),
          `${from} + ${event}`,
        ).toBe(true);
    }
  });
});

describe('who waits for approval', () => {
  it.each([
    ['focal-point', 'member-state', false, true],
    ['focal-point', 'sector-member', false, true],
    ['focal-point', 'academia', false, true],
    ['focal-point', 'non-member', false, false],
    ['focal-point', 'sector-member', true, false],
    ['none', 'sector-member', false, false],
  ] as const)('approval %s, a %s, registered by an approver %s → waits %s', (approval, category, registeredByApprover, expected) => {
    expect(needsApproval({ approval, category, registeredByApprover })).toBe(expected);
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
