import { parse } from 'csv-parse/sync';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { type FieldError, ValidationError } from '../../platform/errors.ts';
import { locales } from '../../platform/i18n/index.ts';
import { authorize } from '../../platform/policy.ts';
import { people, recordAudit } from '../accounts/queries.ts';
import { manageOrganizations } from './policies.ts';
import { organizations } from './schema.ts';
import { organizationSchema, placeMember } from './service.ts';
import { organizationCategories } from './vocabulary.ts';

/** Rows of one import, which runs in one transaction (the input rule caps a field at 100,000 characters anyway). */
const MAX_ROWS = 5000;

export interface ImportSummary {
  created: number;
  updated: number;
  members: number;
}

const lineError = (line: number, message: FieldError['message'], params: Record<string, string | number> = {}): FieldError => ({
  field: 'csv',
  message,
  params: { line, ...params },
});

/** Addresses in a cell, separated by commas, semicolons or spaces. */
const addressesIn = (cell: string | undefined) =>
  (cell ?? '')
    .split(/[\s,;]+/)
    .map((a) => a.trim().toLowerCase())
    .filter(Boolean);

/**
 * Organizations from a sheet with a header row: `name_en` (or `name`), `name_fr` … `name_ar`, `country`,
 * `category`, `focal_points` and `members` (addresses of existing accounts). Commas, semicolons or tabs (cells
 * pasted from a spreadsheet) separate the cells. An organization already there (same English name and country) is
 * updated; the people listed join it. All or nothing: any line in error changes nothing, and every error says its line.
 */
export async function importOrganizations(ctx: AppContext, actor: Actor | null, text: string): Promise<ImportSummary> {
  authorize(actor, manageOrganizations, undefined);
  let records: Record<string, string>[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) =>
        header.map((h) =>
          h
            .trim()
            .toLowerCase()
            .replace(/[\s-]+/g, '_'),
        ),
      delimiter: [',', ';', '\t'],
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      to: MAX_ROWS + 1,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    throw new ValidationError([lineError(line, 'organization.import.unreadable')]);
  }
  if (records.length === 0) throw new ValidationError([{ field: 'csv', message: 'organization.import.empty' }]);
  if (records.length > MAX_ROWS)
    throw new ValidationError([{ field: 'csv', message: 'organization.import.tooLarge', params: { rows: MAX_ROWS } }]);

  const errors: FieldError[] = [];
  const rows = records.map((record, index) => {
    const line = index + 2; // the header is line 1
    const name = Object.fromEntries(
      locales.map((l) => [l, record[`name_${l}`] ?? (l === 'en' ? record.name : undefined)]).filter((e) => e[1]),
    );
    const parsed = organizationSchema.safeParse({ name, country: record.country ?? '', category: record.category ?? '' });
    if (!parsed.success) {
      const columns = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
      if (columns.has('name')) errors.push(lineError(line, 'organization.import.noName'));
      if (columns.has('country')) errors.push(lineError(line, 'organization.import.badCountry', { value: record.country ?? '' }));
      if (columns.has('category')) {
        errors.push(
          lineError(line, 'organization.import.badCategory', { value: record.category ?? '', choices: organizationCategories.join(', ') }),
        );
      }
    }
    const focal = addressesIn(record.focal_points);
    return { line, data: parsed.success ? parsed.data : null, focal, members: [...focal, ...addressesIn(record.members)] };
  });

  const addresses = [...new Set(rows.flatMap((r) => r.members))];
  const who = people(ctx.db);
  const known = new Map(
    addresses.length === 0
      ? []
      : (await ctx.db.select({ id: who.id, email: who.email }).from(who).where(inArray(who.email, addresses))).map((p) => [p.email, p.id]),
  );
  for (const row of rows) {
    for (const address of row.members)
      if (!known.has(address)) errors.push(lineError(row.line, 'organization.import.noAccount', { address }));
  }
  if (errors.length > 0) throw new ValidationError(errors.slice(0, 50));

  return ctx.db.transaction(async (tx) => {
    const summary: ImportSummary = { created: 0, updated: 0, members: 0 };
    for (const row of rows) {
      const data = row.data!;
      const [existing] = await tx
        .select()
        .from(organizations)
        .where(
          sql`lower(btrim(${organizations.name}->>'en')) = lower(btrim(${data.name.en ?? ''})) and ${organizations.country} = ${data.country}`,
        )
        .for('update');
      let id: number;
      if (existing) {
        await tx
          .update(organizations)
          .set({ name: { ...existing.name, ...data.name }, category: data.category, updatedAt: ctx.clock.now() })
          .where(eq(organizations.id, existing.id));
        id = existing.id;
        summary.updated += 1;
      } else {
        const [created] = await tx.insert(organizations).values(data).returning({ id: organizations.id });
        id = created!.id;
        summary.created += 1;
      }
      for (const address of new Set(row.members)) {
        const focalPoint = row.focal.includes(address);
        await placeMember(tx, { accountId: known.get(address)!, organizationId: id, focalPoint, at: ctx.clock.now() });
        summary.members += 1;
      }
    }
    await recordAudit(tx, {
      actorId: actor!.id,
      action: 'organization.import',
      subject: 'organizations',
      details: { ...summary },
      at: ctx.clock.now(),
    });
    return summary;
  });
}
