import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { email, optionalText, requiredText } from '../../platform/validation.ts';
import { subgroupLabelsOf } from '../groups/queries.ts';

/**
 * Lists arrive as arrays (API) or as one text with commas, semicolons or new lines (forms, mail), as typed
 * on any keyboard: Arabic ، ؛ and full-width ，；、 too.
 */
const list = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.split(/[,;\n\u060c\u061b\uff0c\uff1b\u3001]/) : (v ?? [])),
    z
      .array(z.string().trim().max(200, { message: 'error.tooLong' }))
      .transform((items) => [...new Set(items.filter(Boolean))])
      .pipe(z.array(z.string()).max(max, { message: 'error.tooMany' })),
  );

const contactSchema = z.object({
  name: requiredText(200),
  organization: optionalText(200),
  email: email(),
});

export const documentDetailsSchema = z.object({
  title: requiredText(300),
  abstract: optionalText(5000, { lines: true }),
  keywords: list(30),
  sources: list(30),
  contacts: z.preprocess(
    (v) => (Array.isArray(v) ? v.filter((c) => c && Object.values(c as object).some((x) => String(x ?? '').trim())) : v),
    z.array(contactSchema).max(10, { message: 'error.tooMany' }),
  ),
  workingGroups: list(20),
});
export type DocumentDetailsInput = z.input<typeof documentDetailsSchema>;

/** The group's subgroup labels in order ("TG", "WG1" …): what documents are targeted at. */
export function workingGroupsOf(ctx: AppContext, groupId: number): Promise<string[]> {
  return subgroupLabelsOf(ctx, groupId);
}

export async function checkWorkingGroups(ctx: AppContext, groupId: number, chosen: string[]): Promise<string[]> {
  const labels = new Set(await workingGroupsOf(ctx, groupId));
  const normalised = chosen.map((w) => w.toUpperCase().replace(/\s+/g, ''));
  const unknown = normalised.findIndex((w) => !labels.has(w));
  if (unknown >= 0)
    throw new ValidationError([{ field: 'workingGroups', message: 'error.unknownWorkingGroup', params: { name: chosen[unknown]! } }]);
  return normalised;
}
