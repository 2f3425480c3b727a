import { Readable } from 'node:stream';
import { buffer as readAll } from 'node:stream/consumers';
import type { Actor } from '../../../platform/actor.ts';
import type { AppContext } from '../../../platform/context.ts';
import { NotFoundError, ValidationError } from '../../../platform/errors.ts';
import { discardQuietly, holdStoredFile } from '../../../platform/files/references.ts';
import { formatDate, formatDateRange } from '../../../platform/i18n/dates.ts';
import { type Locale, pick, type Translate } from '../../../platform/i18n/index.ts';
import { authorize } from '../../../platform/policy.ts';
import { setGroupTemplateFile } from '../../groups/queries.ts';
import { findGroup } from '../../groups/service.ts';
import { contributionClassAt, deadlineState } from '../../meetings/rules.ts';
import { getMeeting, type MeetingDetail } from '../../meetings/service.ts';
import { venueText } from '../../meetings/venue.ts';
import { workingGroupsOf } from '../details.ts';
import type { IncomingFile } from '../files.ts';
import { manageDocumentIntake } from '../policies.ts';
import { documentByNumber } from '../queries.ts';
import { documentPrefix } from '../rules.ts';
import type { TemplateLabels } from './docx.ts';
import { fillNumber } from './own-template.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** "Contributions are due by the end of 2 May 2023 (Geneva time) — 3 days left", or what happens after. */
export function deadlineHint(ctx: AppContext, t: Translate, locale: Locale, detail: MeetingDetail, staff: boolean): string {
  const date = detail.deadlines.contributions;
  const classes = detail.contributionDeadlines;
  const now = ctx.clock.now();
  const state = deadlineState(date, detail.meeting.timeZone, now);
  const due = t('document.dueBy', { date: formatDate(date, locale), zone: detail.meeting.timeZone });
  const deadlineClass = contributionClassAt(classes, detail.meeting.timeZone, now);
  if (deadlineClass === 'translation' && classes.translation) {
    return `${t('document.translationBy', { date: formatDate(classes.translation, locale) })} ${due}`;
  }
  if (state.state === 'open') return `${due} ${t('deadline.closesIn', { count: state.daysLeft })}`;
  if (staff) return `${due} ${t('document.lateStaff')}`;
  if (deadlineClass === 'late') {
    return `${due} ${classes.lateUntil ? t('document.lateUntil', { date: formatDate(classes.lateUntil, locale) }) : t('document.lateFlagged')}`;
  }
  return `${due} ${classes.tooLate === 'hold-over' ? t('document.heldOverHint') : t('document.lateRefused')}`;
}

function templateLabels(t: Translate): TemplateLabels {
  return {
    documentNumber: t('template.documentNumber'),
    numberPlaceholder: t('template.numberPlaceholder'),
    meeting: t('template.meeting'),
    workingGroup: t('template.workingGroup'),
    source: t('template.source'),
    title: t('template.title'),
    contacts: t('template.contacts'),
    contactName: t('template.contactName'),
    contactOrganization: t('template.contactOrganization'),
    contactEmail: t('template.contactEmail'),
    abstract: t('template.abstract'),
    keywords: t('template.keywords'),
    purpose: t('template.purpose'),
    body: t('template.body'),
    instructions: t('template.instructions'),
    purposeOptions: [t('template.purpose.information'), t('template.purpose.discussion'), t('template.purpose.decision')],
    headings: {
      introduction: t('template.heading.introduction'),
      proposal: t('template.heading.proposal'),
      conclusion: t('template.heading.conclusion'),
    },
  };
}

// Generated templates change only when the group or meeting does: kept per instance, keyed by their versions.
const generated = new Map<string, Promise<Buffer>>();

/** The group's own template when the secretariat uploaded one, else one generated for the group or the meeting. */
export async function contributionTemplateFile(
  ctx: AppContext,
  t: Translate,
  locale: Locale,
  target: { groupCode: string } | { meetingId: number; number?: string },
): Promise<{ body: NodeJS.ReadableStream; filename: string; mediaType: string }> {
  const detail = 'meetingId' in target ? await getMeeting(ctx, target.meetingId) : undefined;
  const group = await findGroup(ctx, detail ? detail.group.code : (target as { groupCode: string }).groupCode);
  // A number reserved for the meeting is written into the template (and names the file); any other is refused.
  const number = 'number' in target && target.number ? await meetingDocumentNumber(ctx, target.meetingId, target.number) : undefined;
  const filename = number ? `${number}.docx` : `${group.code}-contribution-template.docx`;
  if (group.templateFileHash) {
    if (!number)
      return { body: await ctx.files.open(group.templateFileHash), filename: group.templateFilename ?? filename, mediaType: DOCX };
    // The group's own template, with the reserved number where it says {{number}}.
    const own = await readAll(await ctx.files.open(group.templateFileHash));
    return { body: Readable.from([Buffer.from(fillNumber(own, number))]), filename, mediaType: DOCX };
  }
  const key = `${group.id}:${group.updatedAt.getTime()}:${detail ? `${detail.meeting.id}:${detail.meeting.updatedAt.getTime()}` : ''}:${locale}:${number ?? ''}`;
  let buffer = generated.get(key);
  if (!buffer) {
    const m = detail?.meeting;
    // docx is loaded on the first generated template, not at start-up.
    const { contributionTemplate } = await import('./docx.ts');
    buffer = contributionTemplate({
      groupCode: group.code,
      groupName: pick(group.name, locale),
      documentPrefix: documentPrefix(group),
      number,
      meeting: m && {
        title: pick(m.title, locale),
        place: venueText(m, locale),
        dates: detail.firstDay ? formatDateRange(detail.firstDay, detail.lastDay, locale) : '',
      },
      workingGroups: await workingGroupsOf(ctx, group.id),
      labels: templateLabels(t),
      locale,
    });
    buffer.catch(() => generated.delete(key));
    if (generated.size > 200) generated.clear();
    generated.set(key, buffer);
  }
  return { body: Readable.from([await buffer]), filename, mediaType: DOCX };
}

async function meetingDocumentNumber(ctx: AppContext, meetingId: number, number: string): Promise<string> {
  const doc = await documentByNumber(ctx.db, number);
  if (doc.meetingId !== meetingId) throw new NotFoundError();
  return doc.number;
}

/** The secretariat replaces the generated template with its own .docx, or goes back to the generated one (null). */
export async function setGroupTemplate(ctx: AppContext, actor: Actor | null, code: string, file: IncomingFile | null): Promise<void> {
  authorize(actor, manageDocumentIntake, undefined);
  const group = await findGroup(ctx, code);
  if (file && file.kind !== 'docx') throw new ValidationError([{ field: 'file', message: 'error.templateDocx' }]);
  await ctx.db.transaction(async (tx) => {
    if (file) await holdStoredFile(tx, ctx.files, file.hash);
    await setGroupTemplateFile(tx, group.id, file, ctx.clock.now());
  });
  if (group.templateFileHash && group.templateFileHash !== file?.hash) await discardQuietly(ctx, group.templateFileHash);
}
