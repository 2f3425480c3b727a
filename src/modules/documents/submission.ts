import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { sha256 } from '../../platform/crypto.ts';
import { DomainError, UnauthenticatedError } from '../../platform/errors.ts';
import { holdStoredFile } from '../../platform/files/references.ts';
import { unflattenForm } from '../../platform/http/form-data.ts';
import { claimRequestKey, earlierResult, recordResult, requestKeyOf } from '../../platform/idempotency/keys.ts';
import { authorize } from '../../platform/policy.ts';
import { oneOf, parseInput } from '../../platform/validation.ts';
import { isOneOf } from '../../platform/vocabulary.ts';
import type { Actor } from '../accounts/profile.ts';
import { canManageGroupContent, type GroupRow } from '../groups/service.ts';
import { contributionClassAt } from '../meetings/rules.ts';
import { getMeeting, type MeetingDetail, meetingAfter } from '../meetings/service.ts';
import type { ContributionClass } from '../meetings/vocabulary.ts';
import { groupOf } from './access.ts';
import { acknowledgeSubmission } from './acknowledgement.ts';
import { checkWorkingGroups, documentDetailsSchema } from './details.ts';
import { type IncomingFile, revisionFile } from './files.ts';
import { nextSeq } from './numbering.ts';
import { submitDocumentOfType } from './policies.ts';
import { type DocumentRow, documentById } from './queries.ts';
import { checkReservation, checkReservedType, reservationFilledError } from './reservation-rules.ts';
import { documentNumber, documentPrefix, type SubmissionOutcome, submissionOutcome } from './rules.ts';
import { documentRevisions, documentSearch, documents } from './schema.ts';
import { fileText, searchVectors } from './search/indexing.ts';
import { documentTypes } from './vocabulary.ts';

const submissionSchema = documentDetailsSchema.extend({
  type: oneOf(documentTypes).default('I'),
});
/** `reservation`: the number of a reservation this submission fills (its details are the defaults). */
export type SubmissionInput = z.input<typeof submissionSchema> & { reservation?: unknown };

const deadlinePassed = () => new DomainError('contribution-deadline-passed', 409, 'error.contributionDeadlinePassed');
/** Too late for the meeting, to be held over, and the group has no later meeting ahead: refused, nothing written. */
const noNextMeeting = () => new DomainError('no-next-meeting', 409, 'error.noNextMeeting');

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

/** Who submits to which meeting, in which deadline class: all that is decided before the body is read. */
export interface SubmissionTarget {
  actor: Actor;
  /** The meeting the document is for: the one asked, or the next one of the group when held over. */
  detail: MeetingDetail;
  group: GroupRow;
  staff: boolean;
  deadlineClass: ContributionClass;
  /** The meeting asked, when too late for it and held over to `detail`. */
  heldOverFrom: MeetingDetail | null;
}

/**
 * Checks what the request line and the session decide — signed in (401), the meeting exists (404), the
 * contribution deadline class does not refuse this submitter (409), the meeting a too-late one is held over
 * to (409 when the group has none ahead) — before any byte of the file is read.
 */
export async function prepareSubmission(ctx: AppContext, actor: Actor | null, meetingId: number): Promise<SubmissionTarget> {
  if (!actor) throw new UnauthenticatedError();
  const detail = await getMeeting(ctx, meetingId);
  const group = await groupOf(ctx, detail.group.id);
  const staff = await canManageGroupContent(ctx, actor, group.id);
  const outcome = contributionOutcome(ctx, detail, staff);
  if (outcome.fate === 'refuse') throw deadlinePassed();
  if (outcome.fate === 'hold-over') {
    const next = await meetingAfter(ctx, detail, ctx.clock.now());
    if (!next) throw noNextMeeting();
    return { actor, detail: next, group, staff, deadlineClass: outcome.deadlineClass, heldOverFrom: detail };
  }
  return { actor, detail, group, staff, deadlineClass: outcome.deadlineClass, heldOverFrom: null };
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
  const { detail, group, staff, deadlineClass, heldOverFrom } = target;
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
      late: deadlineClass === 'late',
      deadlineClass,
      heldOverFrom: heldOverFrom?.meeting.id ?? null,
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
    if ((options.via ?? 'web') === 'web') await acknowledgeSubmission(ctx, tx, detail, doc!, submitter, heldOverFrom);
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

/** What becomes of a submission now, by the meeting's deadline classes (its time zone) and too-late policy. */
export function contributionOutcome(ctx: AppContext, detail: MeetingDetail, staff: boolean): SubmissionOutcome {
  const deadlineClass = contributionClassAt(detail.contributionDeadlines, detail.meeting.timeZone, ctx.clock.now());
  return submissionOutcome(deadlineClass, detail.contributionDeadlines.tooLate, staff);
}

/** Form fields (contacts_0_name …, repeated checkboxes) → the service's input. */
export function detailsFromForm(fields: Record<string, unknown>): SubmissionInput {
  const input = unflattenForm(fields) as Record<string, unknown>;
  // One checkbox arrives as a string, several as an array; a string may also list several ("WG5, WG6").
  input.workingGroups ??= [];
  return input as SubmissionInput;
}
