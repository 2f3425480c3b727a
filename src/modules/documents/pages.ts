import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Zip, ZipPassThrough } from 'fflate';
import type { AppContext } from '../../platform/context.ts';
import { DomainError, ForbiddenError } from '../../platform/errors.ts';
import { safeDownloadName } from '../../platform/files/sniff.ts';
import { anyone, anyoneSignedIn, byPolicy } from '../../platform/http/access.ts';
import { confirmedOrAsk } from '../../platform/http/confirm-step.ts';
import { sendStoredFile } from '../../platform/http/downloads.ts';
import { formPage } from '../../platform/http/form-page.ts';
import { formFailure, noticeFrom, redirectWithNotice } from '../../platform/http/forms.ts';
import { readUpload, type Upload } from '../../platform/http/multipart.ts';
import { allowPage, signedIn } from '../../platform/http/page-guard.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { pick } from '../../platform/i18n/index.ts';
import { emptyForm, type FormState } from '../../platform/ui/forms.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { renderSlot } from '../../platform/ui/slots.ts';
import { toId } from '../../platform/validation.ts';
import { isOneOf } from '../../platform/vocabulary.ts';
import { canManageGroupContent, findGroup, listGroups } from '../groups/service.ts';
import { allMeetings } from '../meetings/queries.ts';
import { getMeeting } from '../meetings/service.ts';
import { workingGroupsOf } from './details.ts';
import { documentToWithdraw, prepareRevision, reviseDocument, updateDocumentDetails, withdrawDocument } from './editing.ts';
import { acceptFile, usingStoredFile } from './files.ts';
import { documentPaths as paths } from './paths.ts';
import { editDocument, manageDocumentIntake, readDocuments } from './policies.ts';
import { type DocumentView, getDocument, meetingFiles, revisionFileFor } from './reading.ts';
import { myReservations, reservationOfMeeting, reserveDocument } from './reservations.ts';
import { submittableTypes } from './rules.ts';
import { MAX_SEARCH_OFFSET, searchDocuments } from './search/service.ts';
import { documentUses } from './slots.ts';
import { assertTypeAllowed, detailsFromForm, prepareSubmission, type SubmissionTarget, submitDocument } from './submission.ts';
import { contributionTemplateFile, deadlineHint, setGroupTemplate } from './template/service.ts';
import {
  DocumentPage,
  EditDocumentPage,
  ReviseDocumentPage,
  SearchPage,
  SubmitDocumentPage,
  TemplateUploadPage,
} from './views/document-pages.tsx';
import { ReserveNumberPage } from './views/reservation-pages.tsx';
import { documentTypes } from './vocabulary.ts';

const hide = { schema: { hide: true } };

const numberOf = (req: FastifyRequest) => String((req.params as { number: string }).number);
const meetingIdOf = (req: FastifyRequest) => toId((req.params as { id: string }).id);

/** Resolves once `stream` wants more, or is gone. */
function drainedOrClosed(stream: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done).off('close', done);
      resolve();
    };
    stream.on('drain', done).on('close', done);
  });
}

/** The first of the files the store does not have (eight looked for at a time), or none. */
async function firstMissing<F extends { hash: string }>(ctx: AppContext, files: F[]): Promise<F | undefined> {
  for (let i = 0; i < files.length; i += 8) {
    const batch = files.slice(i, i + 8);
    const present = await Promise.all(batch.map((f) => ctx.files.has(f.hash)));
    const index = present.indexOf(false);
    if (index >= 0) return batch[index];
  }
  return undefined;
}

/** The hidden key of a submission or revision form, as a request key of its own namespace. */
function formKey(fields: Record<string, unknown>): string | undefined {
  const key = fields._idem;
  return typeof key === 'string' && key ? `form:${key}` : undefined;
}

/** Keeps a rejected form's values to show again (the working groups as one text for the checkboxes). */
function formValues(fields: Record<string, unknown>): Record<string, unknown> {
  const wg = fields.workingGroups;
  return { ...fields, workingGroups: Array.isArray(wg) ? wg.join(',') : (wg ?? '') };
}

export async function documentPages(app: FastifyInstance, ctx: AppContext) {
  // ---- submission by the web
  const showSubmitForm = async (req: FastifyRequest, reply: FastifyReply, meetingId: number, form: FormState, status = 200) => {
    const detail = await getMeeting(ctx, meetingId);
    const staff = await canManageGroupContent(ctx, req.actor, detail.group.id);
    const wanted = typeof form.values.reservation === 'string' ? form.values.reservation.trim().toUpperCase() : '';
    const reservations = await openReservations(req, meetingId, wanted);
    return sendPage(
      reply,
      SubmitDocumentPage({
        reservations,
        ctx: viewContext(req),
        meetingId,
        meetingTitle: detail.meeting.title,
        form,
        types: submittableTypes(staff),
        workingGroups: await workingGroupsOf(ctx, detail.group.id),
        templateHref: paths.meetingTemplate({ id: meetingId }),
        deadlineHint: deadlineHint(ctx, req.t, req.locale, detail, staff),
        requestKey: String(form.values._idem || randomUUID()),
      }),
      status,
    );
  };
  /** The reader's reservations still to fill, and `wanted` when staff fill someone else's. */
  const openReservations = async (req: FastifyRequest, meetingId: number, wanted = '') => {
    const own = (await myReservations(ctx, req.actor, meetingId)).filter((r) => r.status === 'reserved' && !r.withdrawnAt);
    if (!wanted || own.some((r) => r.number === wanted)) return own;
    const other = await reservationOfMeeting(ctx, meetingId, wanted);
    return other && (await canManageGroupContent(ctx, req.actor, other.groupId)) ? [...own, other] : own;
  };

  /** A refused form is shown again with a new key: what was refused made nothing the key could return. */
  const withNewKey = (form: FormState): FormState => ({ ...form, values: { ...form.values, _idem: randomUUID() } });

  app.get(paths.submitForm.pattern, { ...hide, config: { access: anyoneSignedIn } }, async (req, reply) => {
    if (!signedIn(req, reply)) return reply;
    const actor = req.actor!;
    // ?type=TD from an officer's tools preselects the type; the form still offers only the types they may submit.
    const query = req.query as Record<string, unknown>;
    const asked = query.type;
    // ?reservation=… (from the reservation's outcome) chooses it and fills in what it says.
    const wanted = typeof query.reservation === 'string' ? query.reservation.trim().toUpperCase() : '';
    const reservation = wanted ? (await openReservations(req, meetingIdOf(req), wanted)).find((r) => r.number === wanted) : undefined;
    const defaults = {
      contacts_0_name: `${actor.givenName} ${actor.familyName}`.trim(),
      contacts_0_email: actor.email,
      ...(isOneOf(documentTypes, asked) ? { type: asked } : {}),
      ...(reservation
        ? {
            reservation: reservation.number,
            type: reservation.type,
            title: reservation.title,
            sources: reservation.sources.join('; '),
            workingGroups: reservation.workingGroups.join(','),
          }
        : {}),
    };
    return showSubmitForm(req, reply, meetingIdOf(req), emptyForm(defaults));
  });

  app.post(paths.submit.pattern, { ...hide, config: { access: anyoneSignedIn, multipart: true } }, async (req, reply) => {
    if (!signedIn(req, reply)) return reply;
    const meetingId = meetingIdOf(req);
    let target: SubmissionTarget;
    try {
      // Decided before the body is read, so a refused request stores nothing.
      target = await prepareSubmission(ctx, req.actor, meetingId);
    } catch (error) {
      const { form, status } = formFailure(error, {});
      return showSubmitForm(req, reply, meetingId, withNewKey(form), status);
    }
    let upload: Upload | undefined;
    try {
      upload = await readUpload(req, ctx, { beforeFile: (fields) => assertTypeAllowed(target, fields.type) });
      const { fields, file } = upload;
      const doc = await usingStoredFile(ctx, file, async () =>
        submitDocument(ctx, req.actor, meetingId, detailsFromForm(fields), await acceptFile(ctx, file), {
          target,
          requestKey: formKey(fields),
        }),
      );
      return reply.redirect(paths.document({ number: doc.number }, { done: 'submitted' }), 303);
    } catch (error) {
      const { form, status } = formFailure(error, formValues(upload?.fields ?? {}));
      return showSubmitForm(req, reply, meetingId, withNewKey(form), status);
    }
  });

  // ---- a number reserved now, the document uploaded under it later
  const showReserveForm = async (req: FastifyRequest, reply: FastifyReply, form: FormState, status: number) => {
    const meetingId = meetingIdOf(req);
    const detail = await getMeeting(ctx, meetingId);
    const staff = await canManageGroupContent(ctx, req.actor, detail.group.id);
    return sendPage(
      reply,
      ReserveNumberPage({
        ctx: viewContext(req),
        meetingId,
        meetingTitle: detail.meeting.title,
        form,
        types: submittableTypes(staff),
        workingGroups: await workingGroupsOf(ctx, detail.group.id),
        deadlineHint: deadlineHint(ctx, req.t, req.locale, detail, staff),
      }),
      status,
    );
  };
  formPage(app, paths.reserve.pattern, {
    access: anyoneSignedIn,
    signIn: true,
    show: showReserveForm,
    submit: async (req, reply, fields) => {
      const doc = await reserveDocument(ctx, req.actor, meetingIdOf(req), detailsFromForm(fields));
      return reply.redirect(paths.document({ number: doc.number }, { done: 'reserved' }), 303);
    },
    refill: (form) => ({ ...form, values: formValues(form.values) }),
  });

  // ---- a document
  app.get(paths.document.pattern, { ...hide, config: { access: byPolicy(readDocuments, 'readers') } }, async (req, reply) => {
    const doc = await getDocument(ctx, req.actor, numberOf(req));
    const detail = doc.meetingId ? await getMeeting(ctx, doc.meetingId) : undefined;
    const timeZone = detail?.meeting.timeZone ?? 'UTC';
    const uses = (await renderSlot(documentUses, ctx, req, doc)).map((p) => p.part);
    const done = (req.query as Record<string, unknown>).done;
    const submitted = done === 'submitted' && doc.mayEdit && !doc.withdrawnAt && doc.status !== 'reserved';
    const reservedHint =
      done === 'reserved' && doc.mayEdit && doc.status === 'reserved' && detail
        ? deadlineHint(ctx, req.t, req.locale, detail, await canManageGroupContent(ctx, req.actor, detail.group.id))
        : undefined;
    return sendPage(reply, DocumentPage({ ctx: viewContext(req), doc, timeZone, notice: noticeFrom(req), uses, submitted, reservedHint }));
  });

  const download = async (req: FastifyRequest, reply: FastifyReply, revision?: number) => {
    const file = await revisionFileFor(ctx, req.actor, numberOf(req), revision);
    return sendStoredFile(reply, await ctx.files.open(file.hash), { ...file, publicCache: file.publicAccess });
  };
  app.get(paths.file.pattern, { ...hide, config: { access: byPolicy(readDocuments, 'readers') } }, (req, reply) => download(req, reply));
  app.get(paths.revisionFile.pattern, { ...hide, config: { access: byPolicy(readDocuments, 'readers') } }, (req, reply) => {
    const raw = (req.params as { revision: string }).revision;
    return download(req, reply, raw === '0' ? 0 : toId(raw) || -1);
  });

  const showEdit = async (req: FastifyRequest, reply: FastifyReply, doc: DocumentView, form?: FormState, status = 200) => {
    const values = {
      title: doc.title,
      sources: doc.sources.join('; '),
      abstract: doc.abstract,
      keywords: doc.keywords.join(', '),
      workingGroups: doc.workingGroups.join(','),
      ...Object.fromEntries(
        doc.contacts.flatMap((c, i) => [
          [`contacts_${i}_name`, c.name],
          [`contacts_${i}_organization`, c.organization],
          [`contacts_${i}_email`, c.email],
        ]),
      ),
    };
    return sendPage(
      reply,
      EditDocumentPage({
        ctx: viewContext(req),
        doc,
        form: form ?? emptyForm(values),
        workingGroups: await workingGroupsOf(ctx, doc.groupId),
      }),
      status,
    );
  };
  formPage(app, paths.edit.pattern, {
    access: byPolicy(editDocument, 'owner-or-officers'),
    signIn: true,
    initial: async (req, reply) => {
      const doc = await getDocument(ctx, req.actor, numberOf(req));
      if (!doc.mayEdit) throw new ForbiddenError();
      return showEdit(req, reply, doc);
    },
    show: async (req, reply, form, status) => showEdit(req, reply, await getDocument(ctx, req.actor, numberOf(req)), form, status),
    submit: async (req, reply, fields) => {
      const doc = await updateDocumentDetails(ctx, req.actor, numberOf(req), detailsFromForm(fields));
      return redirectWithNotice(reply, paths.document({ number: doc.number }), 'saved');
    },
    refill: (form) => ({ ...form, values: formValues(form.values) }),
  });

  const showRevise = async (req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
    const doc = await getDocument(ctx, req.actor, numberOf(req));
    return sendPage(
      reply,
      ReviseDocumentPage({ ctx: viewContext(req), doc, form, requestKey: String(form.values._idem || randomUUID()) }),
      status,
    );
  };
  app.get(paths.revise.pattern, { ...hide, config: { access: byPolicy(editDocument, 'owner-or-officers') } }, async (req, reply) => {
    if (!signedIn(req, reply)) return reply;
    await prepareRevision(ctx, req.actor, numberOf(req));
    return showRevise(req, reply, emptyForm());
  });
  app.post(
    paths.revise.pattern,
    { ...hide, config: { access: byPolicy(editDocument, 'owner-or-officers'), multipart: true } },
    async (req, reply) => {
      if (!signedIn(req, reply)) return reply;
      try {
        // Whose document, withdrawn or not: decided before the body is read.
        await prepareRevision(ctx, req.actor, numberOf(req));
      } catch (error) {
        const { form, status } = formFailure(error, {});
        return showRevise(req, reply, withNewKey(form), status);
      }
      try {
        const { fields, file } = await readUpload(req, ctx);
        // A repeated click (the same key) lands on the same page, the revision made once.
        await usingStoredFile(ctx, file, async () =>
          reviseDocument(ctx, req.actor, numberOf(req), await acceptFile(ctx, file), { requestKey: formKey(fields) }),
        );
        return redirectWithNotice(reply, paths.document({ number: numberOf(req).toUpperCase() }), 'saved');
      } catch (error) {
        const { form, status } = formFailure(error, {});
        return showRevise(req, reply, withNewKey(form), status);
      }
    },
  );
  app.post(paths.withdraw.pattern, { ...hide, config: { access: byPolicy(editDocument, 'owner-or-officers') } }, async (req, reply) => {
    if (!signedIn(req, reply)) return reply;
    const target = await documentToWithdraw(ctx, req.actor, numberOf(req));
    // Withdrawing twice changes nothing, so only the first time asks.
    if (!target.withdrawnAt) {
      const asked = await confirmedOrAsk(req, reply, () => ({
        title: req.t('document.confirm.title', { number: target.number }),
        subject: target.title,
        consequences: [req.t('document.withdrawHint'), req.t('document.confirm.number'), req.t('document.confirm.final')],
        confirmLabel: req.t('document.withdraw'),
        cancelHref: paths.document({ number: target.number }),
        danger: true,
      }));
      if (!asked) return reply;
    }
    const doc = await withdrawDocument(ctx, req.actor, numberOf(req));
    return redirectWithNotice(reply, paths.document({ number: doc.number }), 'saved');
  });

  // ---- all of a meeting's documents as one ZIP, streamed
  app.get(paths.meetingZip.pattern, { ...hide, config: { access: byPolicy(readDocuments, 'readers') } }, async (req, reply) => {
    const meetingId = meetingIdOf(req);
    const files = await meetingFiles(ctx, req.actor, meetingId);
    const detail = await getMeeting(ctx, meetingId);
    const zipName = safeDownloadName(`${detail.group.code}-meeting-${meetingId}-documents.zip`, 'documents.zip');
    // Every file is looked for before the first byte goes out: a missing one is a clear error, not a 200
    // with an archive that ends short.
    const missing = await firstMissing(ctx, files);
    if (missing) {
      req.log.error({ hash: missing.hash, document: missing.number }, 'stored file missing');
      throw new DomainError('stored-file-missing', 500, 'error.storedFileMissing', { number: missing.number });
    }
    const out = new PassThrough();
    const zip = new Zip((error, chunk, final) => {
      if (error) out.destroy(error);
      else {
        out.write(chunk);
        if (final) out.end();
      }
    });
    void (async () => {
      try {
        const used = new Set<string>();
        for (const f of files) {
          const name = uniqueName(
            `${f.number}${f.revision > 0 ? `-Rev${f.revision}` : ''}-${safeDownloadName(f.filename, 'document')}`,
            used,
          );
          const entry = new ZipPassThrough(name);
          zip.add(entry);
          // `for await` closes the file's stream (a socket, on S3) when the loop is left early.
          for await (const chunk of await ctx.files.open(f.hash)) {
            entry.push(chunk as Uint8Array);
            // Back-pressure: wait while the reader is behind; a reader that went away ends the archive.
            if (out.writableNeedDrain) await drainedOrClosed(out);
            if (out.destroyed) return;
          }
          entry.push(new Uint8Array(0), true);
        }
        zip.end();
      } catch (error) {
        if (out.destroyed) return;
        // A file gone since the look (or the store failing) part way: the response is cut off before its
        // last chunk, so the browser reports a failed download instead of keeping a truncated archive.
        req.log.error({ err: error }, 'documents ZIP cut off');
        out.destroy(error as Error);
      }
    })();
    return sendStoredFile(reply, out, { filename: zipName, mediaType: 'application/zip', publicCache: false });
  });

  // ---- contribution template
  app.get(paths.groupTemplate.pattern, { ...hide, config: { access: anyone } }, async (req, reply) => {
    const file = await contributionTemplateFile(ctx, req.t, req.locale, { groupCode: (req.params as { code: string }).code });
    return sendStoredFile(reply, file.body, { filename: file.filename, mediaType: file.mediaType, publicCache: true });
  });
  app.get(paths.meetingTemplate.pattern, { ...hide, config: { access: anyone } }, async (req, reply) => {
    // ?number=… writes a number reserved for the meeting into the template.
    const number = (req.query as Record<string, unknown>).number;
    const file = await contributionTemplateFile(ctx, req.t, req.locale, {
      meetingId: meetingIdOf(req),
      number: typeof number === 'string' ? number : undefined,
    });
    return sendStoredFile(reply, file.body, { filename: file.filename, mediaType: file.mediaType, publicCache: true });
  });

  // The secretariat's own template replaces the generated one (and can be reset).
  app.get(
    paths.templateUpload.pattern,
    { ...hide, config: { access: byPolicy(manageDocumentIntake, 'secretariat') } },
    async (req, reply) => {
      if (!allowPage(req, reply, manageDocumentIntake, undefined)) return reply;
      return sendPage(
        reply,
        TemplateUploadPage({ ctx: viewContext(req), code: (req.params as { code: string }).code.toLowerCase(), form: emptyForm() }),
      );
    },
  );
  app.post(
    paths.templateUpload.pattern,
    { ...hide, config: { access: byPolicy(manageDocumentIntake, 'secretariat'), multipart: true } },
    async (req, reply) => {
      if (!allowPage(req, reply, manageDocumentIntake, undefined)) return reply;
      const code = (req.params as { code: string }).code.toLowerCase();
      await findGroup(ctx, code);
      try {
        const { file } = await readUpload(req, ctx);
        await usingStoredFile(ctx, file, async () => setGroupTemplate(ctx, req.actor, code, await acceptFile(ctx, file)));
        return redirectWithNotice(reply, `/groups/${code}`, 'saved');
      } catch (error) {
        const { form, status } = formFailure(error, {});
        return sendPage(reply, TemplateUploadPage({ ctx: viewContext(req), code, form }), status);
      }
    },
  );
  app.post(
    paths.templateReset.pattern,
    { ...hide, config: { access: byPolicy(manageDocumentIntake, 'secretariat') } },
    async (req, reply) => {
      const code = (req.params as { code: string }).code.toLowerCase();
      await setGroupTemplate(ctx, req.actor, code, null);
      return redirectWithNotice(reply, `/groups/${code}`, 'saved');
    },
  );

  // ---- search
  app.get(paths.search.pattern, { ...hide, config: { access: anyone } }, async (req, reply) => {
    const query = req.query as Record<string, string | undefined>;
    const q = (query.q ?? '').slice(0, 200);
    const group = (query.group ?? '').toLowerCase();
    const allGroups = await listGroups(ctx);
    const groupId = allGroups.find((g) => g.code.toLowerCase() === group)?.id;
    const offset = Math.min(toId(query.offset), MAX_SEARCH_OFFSET);
    const meetingId = toId(query.meeting) || undefined;
    const limit = 20;
    const [result, meetingOptions] = await Promise.all([
      q.trim() ? searchDocuments(ctx, req.actor, { q, groupId, meetingId, type: query.type, limit, offset }) : null,
      meetingChoices(ctx, req.locale),
    ]);
    return sendPage(
      reply,
      SearchPage({
        ctx: viewContext(req),
        q,
        type: query.type ?? '',
        group,
        groups: allGroups.map((g) => ({ code: g.code, name: pick(g.name, req.locale) })),
        meeting: meetingId ? String(meetingId) : '',
        meetings: meetingOptions,
        result,
        offset,
        limit,
      }),
    );
  });
}

/** Every meeting, newest first, as "FG-MV — title", for the search filter. */
async function meetingChoices(ctx: AppContext, locale: FastifyRequest['locale']): Promise<{ id: number; label: string }[]> {
  const rows = await allMeetings(ctx);
  return rows.map((r) => ({ id: r.id, label: `${r.groupCode} — ${pick(r.title, locale)}` }));
}

function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  for (let i = 2; used.has(candidate); i++) candidate = name.replace(/(\.[^.]*)?$/, `-${i}$1`);
  used.add(candidate);
  return candidate;
}
