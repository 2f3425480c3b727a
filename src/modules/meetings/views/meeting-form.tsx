import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../platform/http/request-context.ts';
import { languageName, timeZoneOptions } from '../../../platform/i18n/dates.ts';
import { directionOf, localeNames, locales, pick } from '../../../platform/i18n/index.ts';
import {
  CsrfField,
  ErrorSummary,
  type FormState,
  fieldValue,
  RequiredNote,
  SelectField,
  SubmitButton,
  TextField,
} from '../../../platform/ui/forms.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { LocalizedFields } from '../../../platform/ui/localized-fields.tsx';
import { countryOptions } from '../../accounts/views/profile-fields.tsx';
import type { DeadlineRules } from '../../groups/schema.ts';
import { type SubgroupRow, subgroupLabel } from '../../groups/service.ts';
import { subgroupName } from '../../groups/views/group-page.tsx';
import { type RegistrationApproval, registrationApprovalLabel, registrationApprovals } from '../../groups/vocabulary.ts';
import { meetingPaths } from '../paths.ts';
import type { MeetingWarning } from '../rules.ts';
import {
  type DeadlineKind,
  deadlineKinds,
  deadlineLabel,
  latePolicies,
  latePolicyLabel,
  meetingModeLabel,
  meetingModes,
  participantListVisibilities,
  participantListVisibilityLabel,
  workingLanguages,
} from '../vocabulary.ts';
import { WarningList } from './meeting-page.tsx';

/** Existing sessions plus a few empty rows, so sessions can be added without JavaScript. */
const EXTRA_SESSION_ROWS = 3;

export function MeetingFormPage(props: {
  ctx: ViewContext;
  form: FormState;
  group: { code: string; name: Record<string, string>; deadlineRules: DeadlineRules; registrationApproval: RegistrationApproval };
  subgroups: SubgroupRow[];
  meetingId?: number;
  warnings?: MeetingWarning[];
  notice?: string;
}) {
  const { ctx, form, group } = props;
  const { t, locale } = ctx;
  const title = props.meetingId ? t('meeting.editTitle') : t('meeting.new');
  const action = props.meetingId
    ? meetingPaths.edit({ id: props.meetingId })
    : meetingPaths.createInGroup({ code: group.code.toLowerCase() });
  const sessionRows = Math.max(
    ...Object.keys(form.values)
      .map((k) => /^sessions_(\d+)_/.exec(k)?.[1])
      .filter(Boolean)
      .map((n) => Number(n) + 1),
    0,
  );
  const chosenLanguages = form.values.languages;
  const languageSet = new Set(
    Array.isArray(chosenLanguages) ? chosenLanguages.map(String) : chosenLanguages ? [String(chosenLanguages)] : [],
  );
  const subgroupOptions = [
    { value: '', label: t('session.none') },
    ...props.subgroups.map((s) => ({ value: subgroupLabel(s), label: `${subgroupName(ctx, s)} – ${pick(s.title, locale)}` })),
  ];
  const ruleDays: Record<DeadlineKind, number> = {
    visaSupport: group.deadlineRules.visaSupportDays,
    registration: group.deadlineRules.registrationDays,
    contributions: group.deadlineRules.contributionsDays,
  };
  return (
    <Layout ctx={ctx} title={title} notice={props.notice}>
      <p class="eyebrow">
        {group.code} — {pick(group.name, locale)}
      </p>
      <h1>{title}</h1>
      {props.meetingId && (
        <p>
          <a href={meetingPaths.meeting({ id: props.meetingId })}>{t('meeting.backToPage')}</a>
        </p>
      )}
      {props.warnings && <WarningList ctx={ctx} warnings={props.warnings} />}
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={action} novalidate class="meeting-form">
        <CsrfField ctx={ctx} />
        <RequiredNote ctx={ctx} />
        <FormSection id="meeting" title={t('meetingForm.meeting')} hint={t('meetingForm.meeting.hint')}>
          <p>{t('meetingForm.group', { group: `${group.code} — ${pick(group.name, locale)}` })}</p>
          <LocalizedFields ctx={ctx} form={form} name="title" label={t('meeting.title')} />
          <SelectField
            ctx={ctx}
            form={form}
            name="mode"
            label={t('meeting.mode')}
            options={meetingModes.map((m) => ({ value: m, label: t(meetingModeLabel[m]) }))}
          />
          <fieldset>
            <legend>{t('meeting.languages')}</legend>
            {workingLanguages.map((l) => (
              <div class="checkbox">
                <input type="checkbox" id={`f-lang-${l}`} name="languages" value={l} checked={languageSet.has(l)} />
                <label for={`f-lang-${l}`}>{languageName(l, locale)}</label>
              </div>
            ))}
          </fieldset>
        </FormSection>
        <FormSection id="venue" title={t('meetingForm.venue')} hint={t('meetingForm.venue.hint')}>
          <LocalizedFields ctx={ctx} form={form} name="venue_names" label={t('venue.name')} required={false} />
          <LocalizedFields ctx={ctx} form={form} name="venue_cities" label={t('venue.city')} required={false} />
          <div class="row">
            <SelectField
              ctx={ctx}
              form={form}
              name="venue_country"
              label={t('venue.country')}
              options={countryOptions(ctx, t('profile.country.none'))}
            />
            <SelectField
              ctx={ctx}
              form={form}
              name="venue_timeZone"
              label={t('meeting.timeZone')}
              hint={t('meeting.timeZone.hint')}
              required
              options={zoneChoices(ctx, fieldValue(form, 'venue_timeZone'))}
            />
          </div>
        </FormSection>
        <FormSection id="sessions" title={t('meeting.sessions')} hint={`${t('meeting.sessions.hint')} ${t('meetingForm.sessions.times')}`}>
          {Array.from({ length: sessionRows + EXTRA_SESSION_ROWS }, (_, i) => (
            <SessionRow ctx={ctx} form={form} index={i} subgroupOptions={subgroupOptions} />
          ))}
        </FormSection>
        <FormSection id="deadlines" title={t('meeting.deadlines')} hint={t('meeting.deadlines.hint')}>
          <div class="row">
            {deadlineKinds.map((k) => (
              <TextField
                ctx={ctx}
                form={form}
                name={`deadlines_${k}`}
                type="date"
                label={t(deadlineLabel[k])}
                hint={t('deadline.ruleHint', { days: ruleDays[k] })}
              />
            ))}
          </div>
        </FormSection>
        <FormSection id="registration" title={t('meetingForm.registration')} hint={t('meetingForm.registration.hint')}>
          <TextField
            ctx={ctx}
            form={form}
            name="inPersonCapacity"
            type="number"
            label={t('meeting.capacity')}
            hint={t('meeting.capacity.hint')}
          />
          <div class="row">
            <SelectField
              ctx={ctx}
              form={form}
              name="participantListVisibility"
              label={t('meeting.participantList')}
              options={participantListVisibilities.map((v) => ({ value: v, label: t(participantListVisibilityLabel[v]) }))}
            />
            <SelectField
              ctx={ctx}
              form={form}
              name="registrationApproval"
              label={t('group.registrationApproval')}
              options={[
                {
                  value: '',
                  label: t('meeting.registrationApproval.group', {
                    setting: t(registrationApprovalLabel[props.group.registrationApproval]),
                  }),
                },
                ...registrationApprovals.map((v) => ({ value: v, label: t(registrationApprovalLabel[v]) })),
              ]}
            />
            <SelectField
              ctx={ctx}
              form={form}
              name="lateContributions"
              label={t('meeting.lateContributions')}
              options={latePolicies.map((v) => ({ value: v, label: t(latePolicyLabel[v]) }))}
            />
          </div>
        </FormSection>
        <FormSection id="practical" title={t('meeting.practicalInfo')} hint={t('meetingForm.practical.hint')}>
          <LocalizedFields ctx={ctx} form={form} name="practicalInfo" label={t('meeting.practicalInfo')} multiline required={false} />
        </FormSection>
        <SubmitButton>{props.meetingId ? t('form.save') : t('form.create')}</SubmitButton>
      </form>
    </Layout>
  );
}

/** A part of the form under its own heading, with a line saying what it is for. */
function FormSection(props: { id: string; title: string; hint: string; children: ComponentChildren }) {
  return (
    <section class="form-section" aria-labelledby={`${props.id}-h`}>
      <h2 id={`${props.id}-h`}>{props.title}</h2>
      <p class="hint">{props.hint}</p>
      {props.children}
    </section>
  );
}

/**
 * One session: subgroup, dates, daily hours and room. The room is typed in English; its other languages wait in a
 * closed disclosure (open when one of them is filled in or wrong), so a row stays short without JavaScript.
 */
function SessionRow(props: { ctx: ViewContext; form: FormState; index: number; subgroupOptions: { value: string; label: string }[] }) {
  const { ctx, form, index: i } = props;
  const { t } = ctx;
  const others = locales.filter((l) => l !== 'en');
  const roomName = (l: string) => `sessions_${i}_rooms_${l}`;
  const open = others.some((l) => fieldValue(form, roomName(l)) !== '' || form.errors.some((e) => e.field === `sessions.${i}.rooms.${l}`));
  return (
    <fieldset class="session-row">
      <legend>{t('session.row', { n: i + 1 })}</legend>
      <div class="row">
        <SelectField ctx={ctx} form={form} name={`sessions_${i}_subgroup`} label={t('session.subgroup')} options={props.subgroupOptions} />
        <TextField ctx={ctx} form={form} name={`sessions_${i}_startDate`} type="date" label={t('session.startDate')} />
        <TextField ctx={ctx} form={form} name={`sessions_${i}_endDate`} type="date" label={t('session.endDate')} />
      </div>
      <div class="row">
        <TextField ctx={ctx} form={form} name={`sessions_${i}_startTime`} type="time" label={t('session.startTime')} />
        <TextField ctx={ctx} form={form} name={`sessions_${i}_endTime`} type="time" label={t('session.endTime')} />
        <TextField ctx={ctx} form={form} name={roomName('en')} label={t('session.room')} hint={t('session.room.inEnglish')} dir="ltr" />
      </div>
      <details class="translations" open={open}>
        <summary>{t('session.room.translations')}</summary>
        <div class="row">
          {others.map((l) => (
            <TextField
              ctx={ctx}
              form={form}
              name={roomName(l)}
              label={t('session.room.inLanguage', { language: localeNames[l] })}
              dir={directionOf(l)}
            />
          ))}
        </div>
      </details>
    </fieldset>
  );
}

/** The zones to choose from; a stored zone the list lacks (an old alias) stays choosable, and nothing is preselected. */
function zoneChoices(ctx: ViewContext, current: string) {
  const zones = timeZoneOptions(ctx.locale);
  const known = current === '' || zones.some((z) => z.value === current);
  return [
    ...(current === '' ? [{ value: '', label: ctx.t('meeting.timeZone.choose') }] : []),
    ...(known ? [] : [{ value: current, label: current }]),
    ...zones,
  ];
}
