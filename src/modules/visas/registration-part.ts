import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/index.ts';
import { ConflictError, DomainError, type FieldError } from '../../platform/errors.ts';
import { documentedAs } from '../../platform/http/problem.ts';
import { dateInZone, deadlineClosesAt } from '../../platform/time.ts';
import type { MeetingDetail } from '../meetings/service.ts';
import { definePart } from '../registrations/parts.ts';
import { passportOf, type VisaRequestInput, visaRequestSchema } from './input.ts';
import { visaPaths } from './paths.ts';
import { checkVisaDates, isVisaEligibleCategory, letterValid } from './rules.ts';
import { visaRequests } from './schema.ts';
import { type VisaStatus, visaStatuses, visaStatusLabel } from './vocabulary.ts';

/** A registration's visa request, as its page and the API show it. */
export interface VisaPiece {
  id: number;
  status: VisaStatus;
  reason: string | null;
  letterReference: string | null;
  letterAvailable: boolean;
}

type VisaRequestData = z.output<typeof visaRequestSchema>;

/** Until the end of the visa-support deadline day in the meeting's time zone. */
export const visaRequestsOpen = (detail: MeetingDetail, now: Date) =>
  now < deadlineClosesAt(detail.deadlines.visaSupport, detail.meeting.timeZone);

/** A visa request still standing: a new one waits until the secretariat has decided (or it was withdrawn). */
const STANDING: VisaStatus[] = ['requested', 'approved', 'letter-sent'];
export const visaRequestStanding = (status: VisaStatus) => STANDING.includes(status);

const visaNotEligible = () =>
  new DomainError('visa-not-eligible', 422, 'error.visaNotEligible', {}, [{ field: 'visaRequest', message: 'error.visaNotEligible' }]);
const visaClosed = () =>
  new DomainError('visa-closed', 409, 'error.visaClosed', {}, [{ field: 'visaRequest', message: 'error.visaClosed' }]);

// Checked by the service (after who asks and the meeting's rules), documented as the service's schema with what
// it checks beyond the types: dates, and the country codes it requires.
const date = z.string().meta({ format: 'date' });
const country = z
  .string()
  .regex(/^[A-Za-z]{2}$/)
  .describe('ISO 3166-1 alpha-2 code, e.g. CN');
export const documentedVisaRequest = documentedAs(
  z.record(z.string(), z.unknown()),
  visaRequestSchema.extend({
    dateOfBirth: date,
    nationality: country,
    passportIssuedOn: date,
    passportExpiresOn: date.describe('At least three months after the departure'),
    representation: z.object({ city: z.string(), country }).describe('The embassy or consulate where the visa is asked for'),
    arrivalDate: date,
    departureDate: date.describe('The stay must include at least one day of the meeting'),
  }),
).describe('Passport and travel details for the visa support letter (only for in-person participants of eligible categories)');

const documentedPiece = z
  .object({
    status: z.enum(visaStatuses),
    reason: z.string().nullable(),
    letterReference: z.string().nullable(),
    letterUrl: z.string().nullable(),
  })
  .nullable();

async function insertRequest(ctx: AppContext, tx: Tx, registrationId: number, request: VisaRequestData) {
  await tx.insert(visaRequests).values({
    registrationId,
    nationality: request.nationality,
    passport: ctx.keyring.seal(JSON.stringify(passportOf(request))),
    representationCity: request.representation.city,
    representationCountry: request.representation.country,
    arrivalDate: request.arrivalDate,
    departureDate: request.departureDate,
  });
}

/** Visa support asked with a registration (or added to one later): the registration module's part. */
export const visaPart = definePart<VisaRequestData, VisaPiece>({
  inputField: 'visaRequest',
  pieceField: 'visa',
  input: visaRequestSchema as unknown as z.ZodType<VisaRequestData>,
  documentedInput: documentedVisaRequest,
  documentedPiece,
  auditAction: 'visa.request',
  fromForm: (form) => (form.visa === 'on' ? (form.visaRequest as VisaRequestInput | undefined) : undefined),

  check(request, { detail, mode, category, now, pastDeadlines }) {
    const problems: FieldError[] = [];
    if (mode !== 'in-person') problems.push({ field: 'visaRequest', message: 'error.visaInPersonOnly' });
    else if (!isVisaEligibleCategory(category)) throw visaNotEligible();
    else if (!pastDeadlines && !visaRequestsOpen(detail, now)) throw visaClosed();
    const today = dateInZone(now, detail.meeting.timeZone);
    for (const p of checkVisaDates(request, { firstDay: detail.firstDay, lastDay: detail.lastDay }, today)) {
      problems.push({ field: `visaRequest.${p.field}`, message: p.message });
    }
    return problems;
  },

  async save(ctx, tx, registrationId, request, how) {
    if (how === 'add') {
      const [existing] = await tx.select().from(visaRequests).where(eq(visaRequests.registrationId, registrationId));
      if (existing && visaRequestStanding(existing.status)) throw new ConflictError('visa-already-requested', 'error.visaAlreadyRequested');
      if (existing) await tx.delete(visaRequests).where(eq(visaRequests.id, existing.id));
    } else if (how === 're-register') {
      await tx.delete(visaRequests).where(eq(visaRequests.registrationId, registrationId));
    }
    if (request) await insertRequest(ctx, tx, registrationId, request);
  },

  // A decided request (rejected, purged) stays as decided.
  withdraw: async (ctx, tx, registrationId) => {
    await tx
      .update(visaRequests)
      .set({ status: 'withdrawn', updatedAt: ctx.clock.now() })
      .where(and(eq(visaRequests.registrationId, registrationId), inArray(visaRequests.status, STANDING)));
  },

  async pieces(db, registrationIds) {
    if (registrationIds.length === 0) return new Map();
    const rows = await db.select().from(visaRequests).where(inArray(visaRequests.registrationId, registrationIds));
    return new Map(
      rows.map((v) => [
        v.registrationId,
        { id: v.id, status: v.status, reason: v.reason, letterReference: v.letterReference, letterAvailable: letterValid(v) },
      ]),
    );
  },

  present: (ctx, registrationId, visa) =>
    visa && {
      status: visa.status,
      reason: visa.reason,
      letterReference: visa.letterReference,
      letterUrl: visa.letterAvailable ? `${ctx.config.baseUrl}${visaPaths.letter({ id: registrationId })}` : null,
    },

  column: {
    field: 'visaStatus',
    header: 'visa.listColumn',
    documented: z.enum(visaStatuses).nullable(),
    value: (visa) => visa.status,
    label: (status, t) => (status in visaStatusLabel ? t(visaStatusLabel[status as VisaStatus]) : status),
  },
});

/** The visa request piece of a registration's view. */
export const visaPieceOf = (registration: { parts: Record<string, unknown> }) => (registration.parts.visa ?? null) as VisaPiece | null;
