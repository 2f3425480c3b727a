import type { FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { AppContext } from '../../platform/context.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { accountPaths } from '../accounts/paths.ts';
import { canManageGroupContent, sortSubgroups, subgroupLabel } from '../groups/service.ts';
import { meetingPaths } from '../meetings/paths.ts';
import { hasEnded } from '../meetings/rules.ts';
import { listGroupMeetings, type MeetingDetail } from '../meetings/service.ts';
import { mayReadGroupDocuments } from './access.ts';
import { workingGroupsOf } from './details.ts';
import { type DocumentFilter, documentsVersion, listGroupDocuments, listMeetingDocuments } from './listing.ts';
import { documentPaths } from './paths.ts';
import { contributionsClosed } from './reservation-rules.ts';
import { deadlineHint } from './template/service.ts';
import { DocumentsList, DocumentsSection, documentFilterFrom } from './views/documents-table.tsx';

/**
 * Rendered lists, reused while the documents are unchanged: a meeting page is read by many delegates
 * between two submissions. The version (count and latest change) is read on every view, so a change
 * made through any instance shows at once.
 */
const renderedLists = new Map<string, { html: string; count: number }>();
const MAX_CACHED = 500;

async function listHtml(
  ctx: AppContext,
  req: FastifyRequest,
  scope: { meetingId: number } | { groupId: number },
  basePath: string,
  filter: DocumentFilter,
  workingGroups: string[],
  load: () => Promise<Awaited<ReturnType<typeof listMeetingDocuments>>>,
  lapsedMeetings: ReadonlySet<number> = new Set(),
  lateApart = false,
): Promise<{ html: string; count: number }> {
  const version = await documentsVersion(ctx, scope);
  // Reservations lapse with the clock, not with a change of the documents: part of the key.
  const key = JSON.stringify([scope, version, req.locale, filter, workingGroups, [...lapsedMeetings].sort(), lateApart]);
  const hit = renderedLists.get(key);
  if (hit) return hit;
  const documents = await load();
  const entry = {
    html: renderToString(
      DocumentsList({ t: req.t, locale: req.locale, basePath, documents, filter, workingGroups, lapsedMeetings, lateApart }),
    ),
    count: documents.length,
  };
  if (renderedLists.size >= MAX_CACHED) renderedLists.delete(renderedLists.keys().next().value!);
  renderedLists.set(key, entry);
  return entry;
}

/** The documents part of a meeting page: the list, the template, submission and "download all". */
export async function meetingDocumentsSection(ctx: AppContext, req: FastifyRequest, detail: MeetingDetail): Promise<VNode> {
  const filter = documentFilterFrom(req.query);
  const meetingId = detail.meeting.id;
  const basePath = meetingPaths.meeting({ id: meetingId });
  const [mayRead, workingGroups, staff] = await Promise.all([
    mayReadGroupDocuments(ctx, req.actor, detail.group),
    workingGroupsOf(ctx, detail.group.id),
    canManageGroupContent(ctx, req.actor, detail.group.id),
  ]);
  const list = mayRead
    ? await listHtml(
        ctx,
        req,
        { meetingId },
        basePath,
        filter,
        workingGroups,
        () => listMeetingDocuments(ctx, req.actor, meetingId, filter),
        new Set(contributionsClosed(ctx, detail) ? [meetingId] : []),
        true,
      )
    : null;
  const ended = hasEnded(detail.lastDay, detail.meeting.timeZone, ctx.clock.now());
  return DocumentsSection({
    ctx: viewContext(req),
    listHtml: list?.html ?? null,
    hasDocuments: (list?.count ?? 0) > 0,
    deadlineHint: deadlineHint(ctx, req.t, req.locale, detail, staff),
    links: {
      // A meeting that has ended takes no more contributions from its page.
      submit: ended ? undefined : documentPaths.submitForm({ id: meetingId }),
      reserve: ended ? undefined : documentPaths.reserve({ id: meetingId }),
      template: documentPaths.meetingTemplate({ id: meetingId }),
      zip: documentPaths.meetingZip({ id: meetingId }),
      signIn: accountPaths.login({}, { next: basePath }),
    },
  });
}

/** The documents part of a group page, across its meetings. */
export async function groupDocumentsSection(
  ctx: AppContext,
  req: FastifyRequest,
  group: { id: number; code: string; documentAccess: string; subgroups: { kind: string; number: number | null }[] },
): Promise<VNode> {
  const filter = documentFilterFrom(req.query);
  const basePath = `/groups/${group.code.toLowerCase()}`;
  // The group page holds the group's setting and subgroups already: no query for them here.
  const mayRead = await mayReadGroupDocuments(ctx, req.actor, group);
  const workingGroups = sortSubgroups(group.subgroups).map(subgroupLabel);
  // Across meetings, each reservation lapses with its own meeting's contribution deadline.
  const lapsedMeetings = mayRead
    ? new Set((await listGroupMeetings(ctx, group.code)).filter((m) => contributionsClosed(ctx, m)).map((m) => m.meeting.id))
    : new Set<number>();
  const list = mayRead
    ? await listHtml(
        ctx,
        req,
        { groupId: group.id },
        basePath,
        filter,
        workingGroups,
        () => listGroupDocuments(ctx, req.actor, group.id, filter),
        lapsedMeetings,
      )
    : null;
  return DocumentsSection({
    ctx: viewContext(req),
    listHtml: list?.html ?? null,
    hasDocuments: (list?.count ?? 0) > 0,
    links: {
      template: documentPaths.groupTemplate({ code: group.code.toLowerCase() }),
      signIn: accountPaths.login({}, { next: basePath }),
    },
  });
}
