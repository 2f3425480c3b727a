import type { ParticipationMode, RegistrationStatus } from './vocabulary.ts';

/** Which participation modes a meeting of a given mode accepts. */
export function allowedModes(meetingMode: string): ParticipationMode[] {
  if (meetingMode === 'virtual') return ['remote'];
  if (meetingMode === 'in-person') return ['in-person'];
  return ['in-person', 'remote'];
}

/** The state of one person's registration for one meeting: `none` before the first registration. */
export type RegistrationState = RegistrationStatus | 'none';
export const registrationStates: readonly RegistrationState[] = [
  'none',
  'registered',
  'waitlisted',
  'pending-approval',
  'declined',
  'cancelled',
];

/**
 * What can happen to a registration. `register` covers the first registration and a registration again
 * after a cancellation; `change` carries the mode after the change (the same mode when only sessions
 * change); `promote` gives a waiting person a freed place; `add-part` adds a part (a visa request) to it;
 * `approve` and `decline` are a focal point's (or the secretariat's) decision on a registration waiting for it.
 * A registration waiting for approval holds no place: approving it takes a place or joins the queue then.
 * There is no demotion: lowering the in-person limit below the places taken keeps every confirmed
 * place (as pretix and Indico do) and only stops new ones until enough are freed.
 */
export type RegistrationEvent =
  | { type: 'register'; mode: ParticipationMode }
  | { type: 'change'; mode: ParticipationMode }
  | { type: 'cancel' }
  | { type: 'promote' }
  | { type: 'add-part' }
  | { type: 'approve' }
  | { type: 'decline' };

export interface TransitionContext {
  /** The registration's mode before the event (none for a first registration). */
  mode: ParticipationMode | null;
  /** The registration window is open for whoever acts (the secretariat's always is). */
  open: boolean;
  /** An in-person place is free for this registration: no limit, or fewer places taken than the limit. */
  placeFree: boolean;
  /** A registration by this person, so made, waits for a focal point's approval (rules: `needsApproval`). */
  needsApproval?: boolean;
}

export type RegistrationRefusal =
  | 'registration-closed'
  | 'duplicate-registration'
  | 'registration-cancelled'
  | 'not-registered'
  | 'not-waitlisted'
  | 'no-place-free'
  | 'registration-declined'
  | 'not-pending-approval';

type TransitionMail = 'confirmed' | 'promoted' | 'cancelled' | 'awaiting-approval' | 'declined';

type RegistrationTransition =
  | {
      ok: true;
      to: RegistrationStatus;
      /** The waiting-list time: a new one at the end of the queue, the one it had, or none. */
      queue: 'join' | 'keep' | 'none';
      /** The mail the person is sent, if any. */
      mail: TransitionMail | null;
      /** False when the event changes nothing (cancelling what is cancelled: a repeated DELETE). */
      changed: boolean;
    }
  | { ok: false; refusal: RegistrationRefusal };

const refuse = (refusal: RegistrationRefusal): RegistrationTransition => ({ ok: false, refusal });
const to = (
  status: RegistrationStatus,
  queue: 'join' | 'keep' | 'none',
  mail: TransitionMail | null = null,
  changed = true,
): RegistrationTransition => ({
  ok: true,
  to: status,
  queue,
  mail,
  changed,
});
/** In person without a free place: the end of the waiting list; otherwise a confirmed place. */
const placeOrQueue = (mode: ParticipationMode, c: TransitionContext, mail: 'confirmed' | null) =>
  mode === 'in-person' && !c.placeFree ? to('waitlisted', 'join', mail) : to('registered', 'none', mail);

/**
 * The one state machine of a registration: which event is allowed in which state, and what it leads to.
 * Every service path that changes a registration's status, mode or sessions reads the row under its lock
 * and asks this rule; the one-statement registration is its `register` from `none` with a place free,
 * written in SQL.
 */
export function registrationTransition(from: RegistrationState, event: RegistrationEvent, c: TransitionContext): RegistrationTransition {
  switch (event.type) {
    case 'register':
      if (from === 'registered' || from === 'waitlisted' || from === 'pending-approval') return refuse('duplicate-registration');
      if (!c.open) return refuse('registration-closed');
      if (c.needsApproval) return to('pending-approval', 'none', 'awaiting-approval');
      return placeOrQueue(event.mode, c, 'confirmed');
    case 'change':
      if (from === 'none') return refuse('not-registered');
      if (!c.open) return refuse('registration-closed');
      if (from === 'cancelled') return refuse('registration-cancelled');
      if (from === 'declined') return refuse('registration-declined');
      // Waiting for approval holds no place whatever the mode: the approval decides.
      if (from === 'pending-approval') return to('pending-approval', 'none');
      if (event.mode === c.mode) return from === 'waitlisted' ? to('waitlisted', 'keep') : to('registered', 'none');
      // A new mode: remote never waits; in person takes a free place or joins the end of the queue.
      return placeOrQueue(event.mode, c, null);
    case 'cancel':
      if (from === 'none') return refuse('not-registered');
      // Repeating a cancellation is harmless and changes nothing, even after the deadline.
      if (from === 'cancelled') return to('cancelled', 'none', null, false);
      // A declined registration holds nothing to cancel; registering again is the way back.
      if (from === 'declined') return to('declined', 'none', null, false);
      if (!c.open) return refuse('registration-closed');
      return to('cancelled', 'none', 'cancelled');
    case 'promote':
      if (from !== 'waitlisted') return refuse('not-waitlisted');
      if (!c.placeFree) return refuse('no-place-free');
      return to('registered', 'none', 'promoted');
    // What a part asks of the registration's mode the part checks (registrations/parts.ts).
    case 'add-part':
      if (from === 'none') return refuse('not-registered');
      if (from === 'cancelled') return refuse('registration-cancelled');
      if (from === 'declined') return refuse('registration-declined');
      return from === 'waitlisted' ? to(from, 'keep', null, false) : to(from, 'none', null, false);
    // Approval is possible after the registration deadline: the focal point may, as the secretariat may.
    // Repeating a decision already taken (a retried request) changes nothing.
    case 'approve':
      if (from === 'registered' || from === 'waitlisted') return to(from, 'keep', null, false);
      if (from !== 'pending-approval') return refuse('not-pending-approval');
      return placeOrQueue(c.mode ?? 'remote', c, 'confirmed');
    case 'decline':
      if (from === 'declined') return to('declined', 'none', null, false);
      if (from !== 'pending-approval') return refuse('not-pending-approval');
      return to('declined', 'none', 'declined');
  }
}

/**
 * When a person joins a meeting's waiting list: now, unless someone already waiting has that time or a
 * later one (another instance's clock, or the same millisecond), then just after the last. Taken under
 * the meeting's lock, so the queue order (waitlistedAt, id) is the order in which people joined, and the
 * position told to someone is the position every later read gives (until someone ahead leaves).
 */
export function queueTime(now: Date, lastQueued: Date | null): Date {
  return lastQueued && lastQueued.getTime() >= now.getTime() ? new Date(lastQueued.getTime() + 1) : now;
}

/**
 * Whether a registration waits for a focal point: when the meeting (or else its group) asks for approval, for
 * everyone but non-member experts, unless it is made by whoever could approve it (the secretariat, or a focal
 * point of the person's organization registering them).
 */
export function needsApproval(c: { approval: 'none' | 'focal-point'; category: string; registeredByApprover: boolean }): boolean {
  return c.approval === 'focal-point' && c.category !== 'non-member' && !c.registeredByApprover;
}
