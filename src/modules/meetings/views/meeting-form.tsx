import type { ViewContext } from '../../../platform/http/request-context.ts';
import { languageName, timeZoneOptions } from '../../../platform/i18n/dates.ts';
import { pick } from '../../../platform/i18n/index.ts';
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
  group: { code: string; name: Record<string, string>; deadlineRules: DeadlineRules };
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
      <form method="post" action={action} novalidate>
        <CsrfField ctx={ctx} />
        <RequiredNote ctx={ctx} />
        <LocalizedFields ctx={ctx} form={form} name="title" label={t('meeting.title')} />
        <fieldset>
          <legend>{t('meeting.venue')}</legend>
          <TextField ctx={ctx} form={form} name="venue_name" label={t('venue.name')} />
          <TextField ctx={ctx} form={form} name="venue_city" label={t('venue.city')} />
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
        </fieldset>
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
        <fieldset>
          <legend>{t('meeting.sessions')}</legend>
          <p class="hint">{t('meeting.sessions.hint')}</p>
          {Array.from({ length: sessionRows + EXTRA_SESSION_ROWS }, (_, i) => (
            <div class="row" role="group" aria-label={t('session.row', { n: i + 1 })}>
              <SelectField ctx={ctx} form={form} name={`sessions_${i}_subgroup`} label={t('session.subgroup')} options={subgroupOptions} />
              <TextField ctx={ctx} form={form} name={`sessions_${i}_startDate`} type="date" label={t('session.startDate')} />
              <TextField ctx={ctx} form={form} name={`sessions_${i}_endDate`} type="date" label={t('session.endDate')} />
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('meeting.deadlines')}</legend>
          <p class="hint">{t('meeting.deadlines.hint')}</p>
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
        </fieldset>
        <fieldset>
          <legend>{t('meeting.registrationSettings')}</legend>
          <TextField
            ctx={ctx}
            form={form}
            name="inPersonCapacity"
            type="number"
            label={t('meeting.capacity')}
            hint={t('meeting.capacity.hint')}
          />
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
            name="lateContributions"
            label={t('meeting.lateContributions')}
            options={latePolicies.map((v) => ({ value: v, label: t(latePolicyLabel[v]) }))}
          />
        </fieldset>
        <LocalizedFields ctx={ctx} form={form} name="practicalInfo" label={t('meeting.practicalInfo')} multiline required={false} />
        <SubmitButton>{props.meetingId ? t('form.save') : t('form.create')}</SubmitButton>
      </form>
    </Layout>
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
