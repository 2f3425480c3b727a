import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { anyone, anyoneSignedIn, byPolicy } from '../../platform/http/access.ts';
import { readUpload } from '../../platform/http/multipart.ts';
import { documentedEnum, problems } from '../../platform/http/problem.ts';
import { idParam, wholeNumber } from '../../platform/validation.ts';
import { listGroups } from '../groups/service.ts';
import { getMeeting } from '../meetings/service.ts';
import { contributionClasses } from '../meetings/vocabulary.ts';
import { documentDetailsSchema } from './details.ts';
import { acceptFile, usingStoredFile } from './files.ts';
import { documentSorts, type ListedDocument, listMeetingDocuments } from './listing.ts';
import { documentPaths as paths } from './paths.ts';
import { readDocuments } from './policies.ts';
import type { DocumentRow } from './queries.ts';
import { getDocument } from './reading.ts';
import { contributionsClosed } from './reservation-rules.ts';
import { myReservations, reserveDocument } from './reservations.ts';
import { MAX_SEARCH_OFFSET, searchDocuments } from './search/service.ts';
import { assertTypeAllowed, detailsFromForm, prepareSubmission, submitDocument } from './submission.ts';
import { documentTypes } from './vocabulary.ts';

/** Documents for API clients: a meeting's list, a document with its revisions, submitting, searching. */
export async function documentApi(scope: FastifyInstance, ctx: AppContext) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['documents'];
  const Listed = z.object({
    number: z.string(),
    type: documentedEnum(documentTypes).describe('I: contribution, TD: temporary document, O: output document, LS: liaison statement'),
    title: z.string(),
    sources: z.array(z.string()),
    workingGroups: z.array(z.string()),
    revision: z.number(),
    late: z.boolean(),
    deadlineClass: documentedEnum(contributionClasses).describe(
      'The deadline class it arrived in: translation (to be translated), normal, late (listed apart), too-late (held over from an earlier meeting)',
    ),
    heldOverFrom: z.number().nullable().describe('The meeting it was too late for and held over from; null: none'),
    withdrawn: z.boolean(),
    status: z
      .enum(['submitted', 'reserved', 'not-submitted'])
      .describe('reserved: a number taken before its file; not-submitted: a reservation not filled by the contribution deadline'),
    submittedAt: z.string(),
    url: z.string(),
    fileUrl: z.string().nullable().describe('null while the number is only reserved'),
  });
  const base = ctx.config.baseUrl;
  const listed = (d: Omit<ListedDocument, 'submittedOn'>, lapsed = false): z.infer<typeof Listed> => ({
    number: d.number,
    type: d.type,
    title: d.title,
    sources: d.sources,
    workingGroups: d.workingGroups,
    revision: d.latestRevision,
    late: d.late,
    deadlineClass: d.deadlineClass,
    heldOverFrom: d.heldOverFrom,
    withdrawn: d.withdrawn,
    status: d.status === 'reserved' ? (lapsed ? 'not-submitted' : 'reserved') : 'submitted',
    submittedAt: d.createdAt.toISOString(),
    url: `${base}${paths.document({ number: d.number })}`,
    fileUrl: d.status === 'reserved' ? null : `${base}${paths.file({ number: d.number })}`,
  });
  app.get(
    '/api/meetings/:id/documents',
    {
      config: { access: byPolicy(readDocuments, 'readers') },
      schema: {
        operationId: 'listMeetingDocuments',
        tags,
        security: [{}, { bearer: [] }],
        summary: "A meeting's documents",
        params: z.object({ id: idParam() }),
        querystring: z.object({
          type: z.enum(documentTypes).optional(),
          workingGroup: z.string().optional(),
          sort: z.enum(documentSorts).optional(),
        }),
        // 401: the group's documents are for signed-in accounts only.
        response: { 200: z.array(Listed), ...problems(401) },
      },
    },
    async (req) => {
      const documents = await listMeetingDocuments(ctx, req.actor, req.params.id, req.query);
      const lapsed = documents.some((d) => d.status === 'reserved') && contributionsClosed(ctx, await getMeeting(ctx, req.params.id));
      return documents.map((d) => listed(d, lapsed));
    },
  );
  const Full = Listed.extend({
    abstract: z.string(),
    keywords: z.array(z.string()),
    contacts: z.array(z.object({ name: z.string(), organization: z.string(), email: z.string() })),
    meetingId: z.number().nullable(),
    group: z.string(),
    revisions: z.array(
      z.object({
        revision: z.number(),
        filename: z.string(),
        size: z.number(),
        mediaType: z.string(),
        sha256: z.string(),
        uploadedAt: z.string(),
        fileUrl: z.string(),
      }),
    ),
  });
  const Submitted = Full.pick({ number: true, url: true, late: true, deadlineClass: true, heldOverFrom: true }).extend({
    meetingId: z.number().nullable().describe('The meeting it is for: the next one of the group when held over'),
  });
  app.get(
    '/api/documents/:number',
    {
      config: { access: byPolicy(readDocuments, 'readers') },
      schema: {
        operationId: 'getDocument',
        tags,
        security: [{}, { bearer: [] }],
        summary: 'A document and all its revisions',
        params: z.object({ number: z.string() }),
        response: { 200: Full, ...problems(401) },
      },
    },
    async (req) => {
      const doc = await getDocument(ctx, req.actor, req.params.number);
      return {
        ...listed({ ...doc, withdrawn: doc.withdrawnAt !== null }, doc.lapsed),
        abstract: doc.abstract,
        keywords: doc.keywords,
        contacts: doc.contacts,
        meetingId: doc.meetingId,
        group: doc.groupCode,
        revisions: doc.revisions.map((r) => ({
          revision: r.revision,
          filename: r.filename,
          size: r.fileSize,
          mediaType: r.mediaType,
          sha256: r.fileHash,
          uploadedAt: r.createdAt.toISOString(),
          fileUrl: `${base}${paths.revisionFile({ number: doc.number, revision: r.revision })}`,
        })),
      };
    },
  );
  app.post(
    '/api/meetings/:id/documents',
    {
      config: { access: anyoneSignedIn, multipart: true },
      schema: {
        operationId: 'submitDocument',
        tags,
        security: [{ bearer: [] }],
        summary:
          'Submit a document (multipart/form-data: fields title, sources, workingGroups, contacts as JSON, abstract, keywords, type; one file "file"). ' +
          'Repeat safely with an Idempotency-Key header: the same key returns the first document (200), a different request under it 422 idempotency-key-reused',
        description:
          'Who asks, the meeting and the deadline are checked before the body is read (401, 404, 409 contribution-deadline-passed; ' +
          'too late for a meeting that holds such contributions over: numbered for the group’s next meeting, `meetingId` and `heldOverFrom` say so, ' +
          'or 409 no-next-meeting when there is none), a type only staff may submit ' +
          'before the file is stored (403, when `type` comes before the file); a refused or failed request keeps nothing of the file. ' +
          'With `reservation`: 403 when the reservation is someone else’s, 409 reservation-filled when a document was uploaded under it already, ' +
          '422 invalid-field naming `reservation` for a number that is not a reservation of this meeting (`type` when it differs). ' +
          '413 file-too-large over 50 MB; 422 invalid-field for the details, a forbidden type of file or content that does not match its extension; ' +
          '503 upload-retry in the rare case the same bytes were being removed meanwhile (send again).',
        params: z.object({ id: idParam() }),
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough(),
        multipartBody: documentDetailsSchema
          .extend({
            type: z
              .enum(documentTypes)
              .default('I')
              .describe('I (a contribution) for everyone; TD and O for the secretariat and the group’s officers'),
            reservation: z
              .string()
              .optional()
              .describe(
                'The number of your reservation for this meeting to upload the document under; its type, title, sources and working groups stand for those left out',
              ),
            keywords: z.array(z.string()).optional().describe('Repeat the field, or give one text separated by commas or semicolons'),
            sources: z
              .array(z.string())
              .optional()
              .describe('Who submits it; repeat the field, or give one text separated by commas or semicolons'),
            workingGroups: z
              .array(z.string())
              .optional()
              .describe('Working groups of the group (WG5); repeat the field, or separate by commas'),
            contacts: z.string().describe('JSON text: an array of at most 10 {"name", "organization", "email"} (name and email required)'),
            file: z
              .string()
              .meta({ format: 'binary' })
              .describe('The document: .docx, .pdf, .pptx, .xlsx or .zip, at most 50 MB; the last part'),
          })
          .describe('Fields before the file: the details are checked before the file is stored'),
        response: {
          200: Submitted,
          201: Submitted,
          ...problems(401, 403, 404, 409, 413, 422, 503),
        },
      },
    },
    async (req, reply) => {
      const target = await prepareSubmission(ctx, req.actor, req.params.id);
      const upload = await readUpload(req, ctx, { beforeFile: (fields) => assertTypeAllowed(target, fields.type) });
      const key = req.headers['idempotency-key'];
      const doc = await usingStoredFile(ctx, upload.file, async () => {
        const fields = upload.fields as Record<string, unknown>;
        if (typeof fields.contacts === 'string') {
          try {
            fields.contacts = JSON.parse(fields.contacts);
          } catch {
            fields.contacts = undefined;
          }
        }
        const file = await acceptFile(ctx, upload.file);
        return submitDocument(ctx, req.actor, req.params.id, detailsFromForm(fields), file, {
          target,
          requestKey: typeof key === 'string' && key ? key : undefined,
        });
      });
      return reply.code(doc.replayed ? 200 : 201).send({
        number: doc.number,
        url: `${base}${paths.document({ number: doc.number })}`,
        late: doc.late,
        deadlineClass: doc.deadlineClass,
        meetingId: doc.meetingId,
        heldOverFrom: doc.heldOverFrom,
      });
    },
  );
  const Reservation = z.object({
    number: z.string(),
    type: documentedEnum(documentTypes),
    title: z.string(),
    sources: z.array(z.string()),
    workingGroups: z.array(z.string()),
    status: z.enum(['reserved', 'not-submitted', 'submitted']).describe('not-submitted: not filled by the contribution deadline'),
    reservedAt: z.string(),
    url: z.string(),
    templateUrl: z.string().describe('The contribution template with the number filled in'),
    uploadUrl: z.string().describe('The submission form with the reservation chosen'),
  });
  const reservation = (d: DocumentRow, lapsed: boolean): z.infer<typeof Reservation> => ({
    number: d.number,
    type: d.type,
    title: d.title,
    sources: d.sources,
    workingGroups: d.workingGroups,
    status: d.status === 'reserved' ? (lapsed ? 'not-submitted' : 'reserved') : 'submitted',
    reservedAt: (d.reservedAt ?? d.createdAt).toISOString(),
    url: `${base}${paths.document({ number: d.number })}`,
    templateUrl: `${base}${paths.meetingTemplate({ id: d.meetingId! }, { number: d.number })}`,
    uploadUrl: `${base}${paths.submitForm({ id: d.meetingId! }, { reservation: d.number })}`,
  });
  app.post(
    '/api/meetings/:id/document-reservations',
    {
      config: { access: anyoneSignedIn },
      schema: {
        operationId: 'reserveDocumentNumber',
        tags,
        security: [{ bearer: [] }],
        summary: 'Reserve a document number now, to upload the document under it later',
        description:
          'The number is taken from the same counter as submitted documents, under the same rules: who may submit (401; 403 for a type only staff may submit), ' +
          'the meeting (404) and its contribution deadline classes (409 contribution-deadline-passed; held over to the group’s next meeting when ' +
          'the meeting says so, 409 no-next-meeting when there is none). ' +
          'Upload the document with `reservation` set to the number (POST /api/meetings/{id}/documents). ' +
          'A reservation not filled by the deadline is shown as not submitted; its number is never given again.',
        params: z.object({ id: idParam() }),
        body: documentDetailsSchema.pick({ title: true }).extend({
          type: z.enum(documentTypes).default('I'),
          sources: z.array(z.string()).describe('Who submits it; at least one'),
          workingGroups: z.array(z.string()).optional().describe('Working groups of the group (WG5)'),
        }),
        response: { 201: Reservation, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const doc = await reserveDocument(ctx, req.actor, req.params.id, { ...req.body, workingGroups: req.body.workingGroups ?? [] });
      return reply.code(201).send(reservation(doc, contributionsClosed(ctx, await getMeeting(ctx, req.params.id))));
    },
  );
  app.get(
    '/api/meetings/:id/document-reservations',
    {
      config: { access: anyoneSignedIn },
      schema: {
        operationId: 'listMyDocumentReservations',
        tags,
        security: [{ bearer: [] }],
        summary: 'Your reservations of document numbers for a meeting, filled or not',
        params: z.object({ id: idParam() }),
        response: { 200: z.array(Reservation), ...problems(401, 404) },
      },
    },
    async (req) => {
      const rows = await myReservations(ctx, req.actor, req.params.id);
      const closed = contributionsClosed(ctx, await getMeeting(ctx, req.params.id));
      return rows.map((d) => reservation(d, closed));
    },
  );
  app.get(
    '/api/search',
    {
      config: { access: anyone },
      schema: {
        operationId: 'searchDocuments',
        tags,
        security: [{}, { bearer: [] }],
        summary: 'Full-text search of documents (numbers, titles, abstracts, keywords, file text; Chinese too)',
        querystring: z.object({
          q: z.string().max(200),
          group: z.string().optional(),
          meeting: idParam().optional(),
          type: z.enum(documentTypes).optional(),
          limit: wholeNumber(1, 100).optional(),
          offset: wholeNumber(0, MAX_SEARCH_OFFSET).optional().describe('At most the number of ranked matches'),
        }),
        response: {
          200: z.object({
            total: z.number().describe('Matches, counted up to 1,000'),
            more: z.boolean().describe('There are more matches than `total` says'),
            hits: z.array(
              z.object({
                number: z.string(),
                title: z.string(),
                type: documentedEnum(documentTypes),
                groupCode: z.string(),
                meetingId: z.number().nullable(),
                withdrawn: z.boolean(),
                latestRevision: z.number(),
                rank: z.number(),
                snippet: z.string().describe('Where the words were found, as plain text'),
                url: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const groupId = req.query.group
        ? (await listGroups(ctx)).find((g) => g.code.toLowerCase() === req.query.group!.toLowerCase())?.id
        : undefined;
      const result = await searchDocuments(ctx, req.actor, { ...req.query, groupId, meetingId: req.query.meeting });
      return {
        total: result.total,
        more: result.more,
        hits: result.hits.map((h) => ({
          ...h,
          url: `${base}${paths.document({ number: h.number })}`,
          snippet: h.snippet.map((s) => s.text).join(''),
        })),
      };
    },
  );
}
