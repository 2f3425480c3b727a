import { and, count, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/index.ts';
import { partsOfRegistrations, piecesOf } from './parts.ts';
import { registrations } from './schema.ts';
import type { RegistrationRow } from './state.ts';
import type { ParticipationMode, RegistrationStatus } from './vocabulary.ts';

export interface RegistrationView {
  id: number;
  number: string;
  meetingId: number;
  accountId: number;
  mode: ParticipationMode;
  sessions: string[];
  status: RegistrationStatus;
  waitlistPosition: number | null;
  /** Why a focal point declined it (shown to the person); null unless declined. */
  declineReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Each part's piece (null when it has none), by the part's piece field (`visa`). */
  parts: Record<string, unknown>;
}

export const noPieces = () => Object.fromEntries(partsOfRegistrations().map((p) => [p.pieceField, null]));

/** `partsKnown`: the caller knows the registration has no parts (a first registration without any asked). */
export async function toView(db: AppContext['db'] | Tx, row: RegistrationRow, partsKnown?: 'none'): Promise<RegistrationView> {
  const pieces = partsKnown === 'none' ? noPieces() : await piecesFor(db, [row.id]).then((byId) => byId.get(row.id)!);
  let waitlistPosition: number | null = null;
  if (row.status === 'waitlisted' && row.waitlistedAt) {
    // The queue's order is (waitlistedAt, id); people join it under the meeting's lock at a time after
    // everyone already waiting (queueTime), so a position told is the position later reads give.
    const [ahead] = await db
      .select({ n: count() })
      .from(registrations)
      .where(
        and(
          eq(registrations.meetingId, row.meetingId),
          eq(registrations.status, 'waitlisted'),
          sql`(${registrations.waitlistedAt}, ${registrations.id}) < (${row.waitlistedAt}, ${row.id})`,
        ),
      );
    waitlistPosition = (ahead?.n ?? 0) + 1;
  }
  return {
    id: row.id,
    number: row.number,
    meetingId: row.meetingId,
    accountId: row.accountId,
    mode: row.mode,
    sessions: row.sessions,
    status: row.status,
    waitlistPosition,
    declineReason: row.declineReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    parts: pieces,
  };
}

/** Each registration's pieces of every part, null where it has none. */
export async function piecesFor(db: AppContext['db'] | Tx, ids: number[]): Promise<Map<number, Record<string, unknown>>> {
  const byPart = await piecesOf(db, ids);
  return new Map(ids.map((id) => [id, Object.fromEntries([...byPart].map(([field, pieces]) => [field, pieces.get(id) ?? null]))]));
}
