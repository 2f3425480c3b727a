import type { AppContext } from '../../platform/context.ts';
import { groupPaths } from '../groups/paths.ts';
import type { GroupRow } from '../groups/service.ts';
import { listPaths } from './paths.ts';

// Addresses and headers are made from BASE_URL, never from the request.

const slugOf = (group: Pick<GroupRow, 'code'>) => group.code.toLowerCase();

export const confirmUrl = (ctx: AppContext, secret: string) => `${ctx.config.baseUrl}${listPaths.confirm({ token: secret })}`;
export const unsubscribeUrl = (ctx: AppContext, secret: string) => `${ctx.config.baseUrl}${listPaths.unsubscribe({ token: secret })}`;
export const announcementUrl = (ctx: AppContext, group: Pick<GroupRow, 'code'>, id: number) =>
  `${ctx.config.baseUrl}${listPaths.publicAnnouncement({ code: slugOf(group), id })}`;

/** RFC 2919: a stable identifier per list, under the host of BASE_URL ("FG-MV <fg-mv.lists.meetings.example.org>"). */
function listId(ctx: AppContext, group: Pick<GroupRow, 'code'>): string {
  const host = new URL(ctx.config.baseUrl).hostname || 'localhost';
  return `${group.code} <${slugOf(group).replace(/[^a-z0-9-]/g, '-')}.lists.${host}>`;
}

/** The headers of every list mail: List-Id, and RFC 8058 one-click unsubscribe (List-Unsubscribe-Post). */
export function listHeaders(ctx: AppContext, group: Pick<GroupRow, 'code'>, unsubscribeSecret: string): Record<string, string> {
  return {
    'List-Id': listId(ctx, group),
    'List-Unsubscribe': `<${unsubscribeUrl(ctx, unsubscribeSecret)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Archive': `<${ctx.config.baseUrl}${groupPaths.group({ code: slugOf(group) })}>`,
  };
}
