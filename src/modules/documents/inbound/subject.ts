import type { AppContext } from '../../../platform/context.ts';
import { workingGroupsOf } from '../details.ts';
import { cleanSubject } from './rules.ts';

export const MAX_TITLE = 300;

/** "[WG5] Avatar interop" → the title without the tags of the group's working groups, and those labels. */
export async function readSubject(ctx: AppContext, groupId: number, subject: string, filename: string) {
  const labels = new Set(await workingGroupsOf(ctx, groupId));
  const workingGroups: string[] = [];
  const title = cleanSubject(subject)
    .replace(/\[([^\]]{1,12})\]/g, (tag, inside: string) => {
      const label = inside.toUpperCase().replace(/\s+/g, '');
      if (!labels.has(label)) return tag;
      if (!workingGroups.includes(label)) workingGroups.push(label);
      return ' ';
    })
    .replace(/\s+/g, ' ')
    .trim();
  return { title: (cleanSubject(title) || filename.trim() || '—').slice(0, MAX_TITLE), workingGroups };
}
