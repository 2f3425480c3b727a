import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/index.ts';
import type { FieldError } from '../../platform/errors.ts';
import type { MessageKey, Translate } from '../../platform/i18n/index.ts';
import { definePlugPoint, pluggedInto } from '../../platform/modules/extensions.ts';
import type { MeetingDetail } from '../meetings/service.ts';
import type { ParticipationMode } from './vocabulary.ts';

/** What a part's checks consider: the meeting, the mode asked for, the person's membership category, the time. */
interface PartCheck {
  detail: MeetingDetail;
  mode: ParticipationMode;
  category: string;
  now: Date;
  /** The actor may act after the deadlines (the secretariat). */
  pastDeadlines: boolean;
}

type Db = AppContext['db'] | Tx;

/**
 * Something a registration may carry that a module above owns (a visa support request): asked in the
 * registration's body and form, checked with its rules, written and withdrawn in its transactions, shown in its
 * view, API response and the secretariat's list. Registrations knows this interface, never the modules behind it.
 */
export interface RegistrationPart<In = unknown, Piece = unknown> {
  /** Its key in a registration's body (`visaRequest`). */
  inputField: string;
  /** Its key in a registration's view and API response (`visa`). */
  pieceField: string;
  /** Validates the input, as the service does. */
  input: z.ZodType<In>;
  /** The input as the API documents it. */
  documentedInput: z.ZodType;
  /** The piece as the API returns it, null included. */
  documentedPiece: z.ZodType;
  /** The input from the registration form (unflattened), or undefined when the form did not ask for it. */
  fromForm(form: Record<string, unknown>): unknown;
  /** Problems of the input against the meeting and the person; throws a DomainError to refuse it as a whole. */
  check(input: In, c: PartCheck): FieldError[];
  /**
   * Writes in the registration's transaction: with a registration made (`re-register`: one cancelled earlier,
   * made again, whose old part goes) or added to one standing, under its lock (`add`).
   */
  save(ctx: AppContext, tx: Tx, registrationId: number, input: In | undefined, how: 'register' | 're-register' | 'add'): Promise<void>;
  /** The registration was cancelled or left the in-person mode: what still stands is withdrawn. */
  withdraw(ctx: AppContext, tx: Tx, registrationId: number): Promise<void>;
  /** The pieces of these registrations (those that have one), by registration id. */
  pieces(db: Db, registrationIds: number[]): Promise<Map<number, Piece>>;
  /** A piece as the API presents it. */
  present(ctx: AppContext, registrationId: number, piece: Piece | null): unknown;
  /** What the audit log calls a part added to a standing registration. */
  auditAction: string;
  /** Its column in the secretariat's list and exports: a plain value per registration, and its label. */
  column?: {
    field: string;
    header: MessageKey;
    documented: z.ZodType;
    value(piece: Piece): string;
    label(value: string, t: Translate): string;
  };
}

export const registrationParts = definePlugPoint<RegistrationPart>('registrations.part');

// biome-ignore lint/suspicious/noExplicitAny: each part types its own input and piece
export const definePart = <In, Piece>(part: RegistrationPart<In, Piece>): RegistrationPart<any, any> => part;

export const partsOfRegistrations = (): RegistrationPart[] => pluggedInto(registrationParts);

const CHUNK = 1000;

/** Every part's pieces of these registrations: by part's piece field, then by registration id. */
export async function piecesOf(db: Db, registrationIds: number[]): Promise<Map<string, Map<number, unknown>>> {
  const byPart = new Map<string, Map<number, unknown>>();
  for (const part of partsOfRegistrations()) {
    const pieces = new Map<number, unknown>();
    for (let i = 0; i < registrationIds.length; i += CHUNK) {
      for (const [id, piece] of await part.pieces(db, registrationIds.slice(i, i + CHUNK))) pieces.set(id, piece);
    }
    byPart.set(part.pieceField, pieces);
  }
  return byPart;
}
