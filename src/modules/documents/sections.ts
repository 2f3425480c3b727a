import type { FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { AppContext } from '../../platform/context.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import type { MeetingDetail } from '../meetings/service.ts';
import { isGroupStaff, listGroupDocuments, listMeetingDocuments, mayReadGroupDocuments } from './service.ts';
import { deadlineHint, workingGroupsOf } from './template-files.ts';
import { DocumentsSection, documentFilterFrom } from './views/documents-table.tsx';

/** The documents part of a meeting page: the list, the template, submission and "download all". */
export async function meetingDocumentsSection(ctx: AppContext, req: FastifyRequest, detail: MeetingDetail): Promise<VNode> {
  const filter = documentFilterFrom(req.query);
  const meetingId = detail.meeting.id;
  const mayRead = await mayReadGroupDocuments(ctx, req.actor, detail.group.id);
  const [documents, workingGroups, staff] = await Promise.all([
    mayRead ? listMeetingDocuments(ctx, req.actor, meetingId, filter) : Promise.resolve(null),
    workingGroupsOf(ctx, detail.group.id),
    isGroupStaff(ctx, req.actor, detail.group.id),
  ]);
  return DocumentsSection({
    ctx: viewContext(req),
    basePath: `/meetings/${meetingId}`,
    documents,
    filter,
    workingGroups,
    deadlineHint: deadlineHint(ctx, req.t, req.locale, detail, staff),
    links: {
      submit: `/meetings/${meetingId}/documents/new`,
      template: `/meetings/${meetingId}/template.docx`,
      zip: `/meetings/${meetingId}/documents.zip`,
      signIn: `/login?next=${encodeURIComponent(`/meetings/${meetingId}`)}`,
    },
  });
}

/** The documents part of a group page, across its meetings. */
export async function groupDocumentsSection(ctx: AppContext, req: FastifyRequest, group: { id: number; code: string }): Promise<VNode> {
  const filter = documentFilterFrom(req.query);
  const slug = group.code.toLowerCase();
  const mayRead = await mayReadGroupDocuments(ctx, req.actor, group.id);
  const [documents, workingGroups] = await Promise.all([
    mayRead ? listGroupDocuments(ctx, req.actor, group.id, filter) : Promise.resolve(null),
    workingGroupsOf(ctx, group.id),
  ]);
  return DocumentsSection({
    ctx: viewContext(req),
    basePath: `/groups/${slug}`,
    documents,
    filter,
    workingGroups,
    links: { template: `/groups/${slug}/template.docx`, signIn: `/login?next=${encodeURIComponent(`/groups/${slug}`)}` },
  });
}
