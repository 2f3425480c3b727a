import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { sha256 } from '../../platform/crypto.ts';
import { DomainError, UnauthenticatedError } from '../../platform/errors.ts';
import { holdStoredFile } from '../../platform/files/references.ts';
import { unflattenForm } from '../../platform/http/form-data.ts';
import { claimRequestKey, earlierResult, recordResult, requestKeyOf } from '../../platform/idempotency/keys.ts';
import { authorize } from '../../platform/policy.ts';
import { deadlineClosesAt } from '../../platform/time.ts';
import { oneOf, parseInput } from '../../platform/validation.ts';
import { isOneOf } from '../../platform/vocabulary.ts';
import type { Actor } from '../accounts/profile.ts';
import { canManageGroupContent, type GroupRow } from '../groups/service.ts';
import { getMeeting, type MeetingDetail } from '../meetings/service.ts';
import { groupOf } from './access.ts';
import { acknowledgeSubmission } from './acknowledgement.ts';
import { checkWorkingGroups, documentDetailsSchema } from './details.ts';
import { type IncomingFile, revisionFile } from './files.ts';
import { nextSeq } from './numbering.ts';
import { submitDocumentOfType } from './policies.ts';
import { type DocumentRow, documentById } from './queries.ts';
import { checkReservation, checkReservedType, reservationFilledError } from './reservation-rules.ts';
import { documentNumber, documentPrefix, submissionTiming } from './rules.ts';
import { documentRevisions, documentSearch, documents } from './schema.ts';
import { fileText, searchVectors } from './search/indexing.ts';
import { documentTypes } from './vocabulary.ts';

const submissionSchema = documentDetailsSchema.extend({
  type: oneOf(documentTypes).default('I'),
});
/** `reservation`: the number of a reservation this submission fills (its details are the defaults). */
export type SubmissionInput = z.input<typeof submissionSchema> & { reservation?: unknown };

const deadlinePassed = () => new DomainError('contribution-deadline-passed', 409, 'error.contributionDeadlinePassed');

interface SubmitOptions {
  via?: 'web' | 'email';
  /** A contribution by e-mail: the details are completed later by the submitter. */
  needsDetails?: boolean;
  /** What `prepareSubmission` found before the file was read (saves reading it again). */
  target?: SubmissionTarget;
  /**
   * Makes the submission safe to repeat (a form's hidden key, the API's Idempotency-Key): the same key
   * from the same account returns the first document; under a different request, 422.
   */
  requestKey?: string;
}

/** Who submits to which meeting, on time or not: all that is decided before the body is read. */
export interface SubmissionTarget {
  actor: Actor;
  detail: MeetingDetail;
  group: GroupRow;
  staff: boolean;
  timing: 'on-time' | 'late';
}

/**
 * Checks what the request line and the session decide — signed in (401), the meeting exists (404), the
 * contribution deadline does not refuse this submitter (409) — before any byte of the file is read.
 */
export async function prepareSubmission(ctx: AppContext, actor: Actor | null, meetingId: number): Promise<SubmissionTarget> {
  if (!actor) throw new UnauthenticatedError();
  const detail = await getMeeting(ctx, meetingId);
  const group = await groupOf(ctx, detail.group.id);
  const staff = await canManageGroupContent(ctx, actor, group.id);
  const timing = contributionTiming(ctx, detail, staff);
  if (timing === 'refused') throw deadlinePassed();
  return { actor, detail, group, staff, timing };
}

/** A type only staff may submit (TD, O), sent by someone else: refused before the file is stored. */
export function assertTypeAllowed(target: SubmissionTarget, type: unknown): void {
  if (isOneOf(documentTypes, type)) {
    authorize(target.actor, submitDocumentOfType, { type, contentManager: target.staff });
  }
}

export type KeyedResult = { documentId: number; revision: number | null };

export type SubmittedDocument = DocumentRow & { replayed: boolean };

/** Submits a document for a meeting: checked, numbered, stored with its text indexed. */
export async function submitDocument(
  ctx: AppContext,
  actor: Actor | null,
  meetingId: number,
  input: SubmissionInput,
  file: IncomingFile,
  options: SubmitOptions = {},
): Promise<SubmittedDocument> {
  const target = options.target ?? (await prepareSubmission(ctx, actor, meetingId));
  const { detail, group, staff, timing } = target;
  const submitter = target.actor;
  const reservation = await reservationFilled(ctx, target, input.reservation);
  const data = parseInput(submissionSchema, reservation ? withReservedDetails(input, reservation) : input);
  if (reservation) checkReservedType(reservation, data.type);
  authorize(submitter, submitDocumentOfType, { type: data.type, contentManager: staff });
  const workingGroups = await checkWorkingGroups(ctx, group.id, data.workingGroups);
  const key = requestKeyOf(options.requestKey);
  const requestKey = key && {
    scope: 'document',
    accountId: submitter.id,
    key,
    requestHash: sha256(
      JSON.stringify({ submit: meetingId, data, workingGroups, file: [file.hash, file.filename], reservation: reservation?.number }),
    ),
  };
  if (requestKey) {
    // A repeat of a committed submission needs no text extraction.
    const earlier = await earlierResult<KeyedResult>(ctx.db, requestKey);
    if (earlier) return { ...(await documentById(ctx.db, earlier.documentId)), replayed: true };
  }
  const body = await fileText(ctx, file);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    if (requestKey) {
      const earlier = await claimRequestKey<KeyedResult>(tx, requestKey, now);
      if (earlier) return { ...(await documentById(tx, earlier.documentId)), replayed: true };
    }
    await holdStoredFile(tx, ctx.files, file.hash);
    // A reservation keeps its number; any other submission takes the next one.
    const seq = reservation ? reservation.seq : await nextSeq(tx, group.id, data.type);
    const number = reservation ? reservation.number : documentNumber(documentPrefix(group), data.type, seq);
    const values = { ...data, workingGroups, number };
    const vectors = searchVectors(values, body);
    const submitted = {
      ...values,
      late: timing === 'late',
      submittedVia: options.via ?? 'web',
      needsDetails: options.needsDetails ?? false,
      searchVector: vectors.rank,
      createdAt: now,
      updatedAt: now,
    } as const;
    const [doc] = reservation
      ? await tx
          .update(documents)
          .set({ ...submitted, status: 'submitted' })
          .where(and(eq(documents.id, reservation.id), eq(documents.status, 'reserved')))
          .returning()
      : await tx
          .insert(documents)
          .values({ ...submitted, groupId: group.id, meetingId: detail.meeting.id, seq, ownerId: submitter.id })
          .returning();
    // Filled meanwhile by a concurrent submission.
    if (!doc) throw reservationFilledError(number);
    await tx
      .insert(documentSearch)
      .values({ documentId: doc!.id, groupId: group.id, meetingId: detail.meeting.id, type: data.type, vector: vectors.match });
    await tx
      .insert(documentRevisions)
      .values({ documentId: doc!.id, revision: 0, ...revisionFile(file), text: body, uploadedBy: submitter.id, createdAt: now });
    if (requestKey) await recordResult(tx, requestKey, { documentId: doc!.id, revision: null } satisfies KeyedResult);
    if ((options.via ?? 'web') === 'web') await acknowledgeSubmission(ctx, tx, detail, doc!, submitter);
    return { ...doc!, replayed: false };
  });
}

/** The reservation `number` fills, checked for this submitter; none when no number is given. */
async function reservationFilled(ctx: AppContext, target: SubmissionTarget, number: unknown): Promise<DocumentRow | null> {
  const asked = typeof number === 'string' ? number.trim().toUpperCase() : '';
  if (!asked) return null;
  const [doc] = await ctx.db.select().from(documents).where(eq(documents.number, asked));
  return checkReservation(doc, asked, target.detail.meeting.id, target.actor, target.staff);
}

/** The reservation's details stand for those the submission leaves out (an API client may send only the file and title). */
function withReservedDetails(input: SubmissionInput, reservation: DocumentRow): SubmissionInput {
  const empty = (v: unknown) => v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
  return {
    ...input,
    type: empty(input.type) ? reservation.type : input.type,
    title: empty(input.title) ? reservation.title : input.title,
    sources: empty(input.sources) ? reservation.sources : input.sources,
    workingGroups: empty(input.workingGroups) ? reservation.workingGroups : input.workingGroups,
  };
}

/** Whether a submission now is on time, late or refused, by the meeting's contribution deadline and policy. */
export function contributionTiming(ctx: AppContext, detail: MeetingDetail, staff: boolean) {
  const closesAt = deadlineClosesAt(detail.deadlines.contributions, detail.meeting.timeZone);
  return submissionTiming(ctx.clock.now(), closesAt, detail.meeting.lateContributions, staff);
}

/** Form fields (contacts_0_name …, repeated checkboxes) → the service's input. */
export function detailsFromForm(fields: Record<string, unknown>): SubmissionInput {
  const input = unflattenForm(fields) as Record<string, unknown>;
  // One checkbox arrives as a string, several as an array; a string may also list several ("WG5, WG6").
  input.workingGroups ??= [];
  return input as SubmissionInput;
}
