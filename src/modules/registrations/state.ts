import { eq } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/index.ts';
import { ConflictError, DomainError, NotFoundError } from '../../platform/errors.ts';
import { may } from '../../platform/policy.ts';
import { deadlineClosesAt } from '../../platform/time.ts';
import { contactsOf } from '../accounts/queries.ts';
import type { MeetingDetail } from '../meetings/service.ts';
import { passDeadlines } from './policies.ts';
import {
  type RegistrationEvent,
  type RegistrationRefusal,
  type RegistrationState,
  registrationTransition,
  type TransitionContext,
} from './rules.ts';
import { registrations } from './schema.ts';

export type RegistrationRow = typeof registrations.$inferSelect;

export class RegistrationClosedError extends DomainError {
  constructor() {
    super('registration-closed', 409, 'error.registrationClosed');
  }
}
export const duplicate = () => new ConflictError('duplicate-registration', 'error.duplicateRegistration');
export const cancelled = () => new ConflictError('registration-cancelled', 'error.registrationCancelled');

/** The error a refused transition answers with. */
function refusalError(refusal: RegistrationRefusal): DomainError {
  switch (refusal) {
    case 'registration-closed':
      return new RegistrationClosedError();
    case 'duplicate-registration':
      return duplicate();
    case 'registration-cancelled':
      return cancelled();
    case 'registration-declined':
      return new ConflictError('registration-declined', 'error.registrationDeclined');
    case 'not-pending-approval':
      return new ConflictError('registration-not-pending', 'error.registrationNotPending');
    case 'not-registered':
      return new NotFoundError();
    // Only promotions meet these, and they pick waiting people with a place free under the lock.
    case 'not-waitlisted':
    case 'no-place-free':
      return new ConflictError('registration-changed', 'error.registrationChanged');
  }
}

/** The state machine's answer (rules.ts), or its refusal thrown as the matching problem. */
export function decide(from: RegistrationState, event: RegistrationEvent, context: TransitionContext) {
  const t = registrationTransition(from, event, context);
  if (!t.ok) throw refusalError(t.refusal);
  return t;
}

/** Whether the registration form is open for this person now, and why not. */
export function registrationWindow(detail: MeetingDetail, actor: Actor | null, now: Date) {
  const closesAt = deadlineClosesAt(detail.deadlines.registration, detail.meeting.timeZone);
  return { open: now < closesAt || may(actor, passDeadlines, undefined), closesAt };
}

/** A registration read under its row lock: the state every change decides from. */
export async function lockRegistration(tx: Tx, id: number): Promise<RegistrationRow> {
  const [row] = await tx.select().from(registrations).where(eq(registrations.id, id)).for('update');
  if (!row) throw new NotFoundError();
  return row;
}

/** The person behind a registration, as its rules and mails need them. */
export async function personOf(ctx: AppContext, accountId: number, db: AppContext['db'] | Tx = ctx.db) {
  const person = (await contactsOf(ctx, [accountId], db)).get(accountId);
  if (!person) throw new NotFoundError();
  return person;
}
