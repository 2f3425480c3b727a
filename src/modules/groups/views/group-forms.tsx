import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../platform/http/request-context.ts';
import { pick } from '../../../platform/i18n/index.ts';
import { CsrfField, ErrorSummary, type FormState, SelectField, SubmitButton, TextField } from '../../../platform/ui/forms.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Localized } from '../../../platform/ui/localized.tsx';
import { LocalizedFields } from '../../../platform/ui/localized-fields.tsx';
import { TableHead } from '../../../platform/ui/table.tsx';
import { countryOptions } from '../../accounts/views/profile-fields.tsx';
import { groupPaths } from '../paths.ts';
import type { GroupDetail } from '../service.ts';
import {
  documentAccessLabel,
  documentAccessLevels,
  groupStatuses,
  groupStatusLabel,
  officerRoleLabel,
  officerRoles,
  registrationApprovalLabel,
  registrationApprovals,
  subgroupKindLabel,
  subgroupKinds,
} from '../vocabulary.ts';
import { OfficersTable, subgroupName } from './group-page.tsx';

export function GroupFormPage(props: {
  ctx: ViewContext;
  form: FormState;
  group?: GroupDetail;
  notice?: string;
  bureaus: { code: string; name: Record<string, string> }[];
}) {
  const { ctx, form, group } = props;
  const { t } = ctx;
  const title = group ? t('group.editTitle', { code: group.code }) : t('groups.new');
  return (
    <Layout ctx={ctx} title={title} notice={props.notice}>
      <h1>{title}</h1>
      {group && (
        <p>
          <a href={groupPaths.group({ code: group.code.toLowerCase() })}>{t('group.backToPage')}</a>
        </p>
      )}
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={group ? groupPaths.edit({ code: group.code.toLowerCase() }) : groupPaths.groups()} novalidate>
        <CsrfField ctx={ctx} />
        <TextField ctx={ctx} form={form} name="code" label={t('group.code')} hint={t('group.code.hint')} required />
        <LocalizedFields ctx={ctx} form={form} name="name" label={t('group.name')} />
        <LocalizedFields ctx={ctx} form={form} name="mandate" label={t('group.mandate')} multiline required={false} />
        <TextField ctx={ctx} form={form} name="parentBody" label={t('group.parentBody')} />
        <TextField ctx={ctx} form={form} name="establishedOn" type="date" label={t('group.establishedOn')} />
        <LocalizedFields
          ctx={ctx}
          form={form}
          name="establishedBy"
          label={t('group.establishedBy')}
          hint={t('group.establishedBy.hint')}
          required={false}
        />
        <SelectField
          ctx={ctx}
          form={form}
          name="bureau"
          label={t('group.bureau')}
          options={[
            { value: '', label: t('group.bureau.none') },
            ...props.bureaus.map((b) => ({ value: b.code, label: `${b.code} — ${pick(b.name, ctx.locale)}` })),
          ]}
        />
        <SelectField
          ctx={ctx}
          form={form}
          name="status"
          label={t('group.status')}
          options={groupStatuses.map((s) => ({ value: s, label: t(groupStatusLabel[s]) }))}
        />
        <TextField ctx={ctx} form={form} name="documentPrefix" label={t('group.documentPrefix')} hint={t('group.documentPrefix.hint')} />
        <SelectField
          ctx={ctx}
          form={form}
          name="documentAccess"
          label={t('group.documentAccess')}
          options={documentAccessLevels.map((v) => ({ value: v, label: t(documentAccessLabel[v]) }))}
        />
        <SelectField
          ctx={ctx}
          form={form}
          name="registrationApproval"
          label={t('group.registrationApproval')}
          hint={t('group.registrationApproval.hint')}
          options={registrationApprovals.map((v) => ({ value: v, label: t(registrationApprovalLabel[v]) }))}
        />
        <TextField
          ctx={ctx}
          form={form}
          name="contributionEmail"
          type="email"
          label={t('group.contributionEmail')}
          hint={t('group.contributionEmail.hint')}
        />
        <fieldset>
          <legend>{t('group.contact')}</legend>
          <TextField ctx={ctx} form={form} name="contactEmail" type="email" label={t('group.contactEmail')} />
          <TextField ctx={ctx} form={form} name="contactTel" type="tel" label={t('group.contactTel')} />
          <TextField ctx={ctx} form={form} name="contactFax" type="tel" label={t('group.contactFax')} />
        </fieldset>
        <fieldset>
          <legend>{t('group.deadlineRules')}</legend>
          <p class="hint">{t('group.deadlineRules.hint')}</p>
          <TextField ctx={ctx} form={form} name="deadlineRules_visaSupportDays" type="number" label={t('deadline.visaSupport')} required />
          <TextField
            ctx={ctx}
            form={form}
            name="deadlineRules_registrationDays"
            type="number"
            label={t('deadline.registration')}
            required
          />
          <TextField
            ctx={ctx}
            form={form}
            name="deadlineRules_contributionsDays"
            type="number"
            label={t('deadline.contributions')}
            required
          />
        </fieldset>
        <SubmitButton>{group ? t('form.save') : t('form.create')}</SubmitButton>
      </form>
      {group && <StructureAdmin ctx={ctx} group={group} />}
    </Layout>
  );
}

function DeleteButton(props: { ctx: ViewContext; action: string; label: string; what: string }) {
  return (
    <form method="post" action={props.action} class="inline" data-confirm={props.ctx.t('form.confirmDelete', { what: props.what })}>
      <CsrfField ctx={props.ctx} />
      <button type="submit" class="secondary" aria-label={props.label}>
        {props.ctx.t('form.delete')}
      </button>
    </form>
  );
}

function StructureAdmin(props: { ctx: ViewContext; group: GroupDetail }) {
  const { ctx, group } = props;
  const { t } = ctx;
  const slug = group.code.toLowerCase();
  return (
    <>
      <section aria-labelledby="subgroups-h">
        <h2 id="subgroups-h">{t('group.structure')}</h2>
        <table>
          <TableHead ctx={ctx} caption={t('group.structure')} columns={[t('subgroup.label'), t('subgroup.title')]} actions />
          <tbody>
            {group.subgroups.map((s) => {
              const label = subgroupName(ctx, s);
              return (
                <tr>
                  <td>{label}</td>
                  <td>
                    <Localized ctx={ctx} text={s.title} />
                  </td>
                  <td>
                    <a href={groupPaths.editSubgroup({ code: slug, id: s.id })} aria-label={`${t('form.edit')}: ${label}`}>
                      {t('form.edit')}
                    </a>{' '}
                    <DeleteButton
                      ctx={ctx}
                      action={groupPaths.deleteSubgroup({ code: slug, id: s.id })}
                      label={`${t('form.delete')}: ${label}`}
                      what={label}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p>
          <a class="button" href={groupPaths.newSubgroup({ code: slug })}>
            {t('subgroup.add')}
          </a>
        </p>
      </section>
      <section aria-labelledby="officers-h">
        <h2 id="officers-h">{t('group.officers')}</h2>
        <OfficersTable
          ctx={ctx}
          officers={group.officers}
          actions={(o) => (
            <>
              <a href={groupPaths.editOfficer({ code: slug, id: o.id })} aria-label={`${t('form.edit')}: ${o.name}`}>
                {t('form.edit')}
              </a>{' '}
              <DeleteButton
                ctx={ctx}
                action={groupPaths.deleteOfficer({ code: slug, id: o.id })}
                label={`${t('form.delete')}: ${o.name}`}
                what={o.name}
              />
            </>
          )}
        />
        <p>
          <a class="button" href={groupPaths.newOfficer({ code: slug })}>
            {t('officer.add')}
          </a>
        </p>
      </section>
    </>
  );
}

/** A subgroup's or an officer's form: one item of the group, saved back to the group's edit page. */
function GroupItemFormPage(props: {
  ctx: ViewContext;
  form: FormState;
  groupCode: string;
  title: string;
  action: string;
  children: ComponentChildren;
}) {
  const { ctx, form } = props;
  return (
    <Layout ctx={ctx} title={props.title}>
      <h1>{props.title}</h1>
      <p>
        <a href={groupPaths.edit({ code: props.groupCode.toLowerCase() })}>{ctx.t('group.backToEdit')}</a>
      </p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={props.action} novalidate>
        <CsrfField ctx={ctx} />
        {props.children}
        <SubmitButton>{ctx.t('form.save')}</SubmitButton>
      </form>
    </Layout>
  );
}

export function SubgroupFormPage(props: { ctx: ViewContext; form: FormState; groupCode: string; subgroupId?: number }) {
  const { ctx, form } = props;
  const { t } = ctx;
  const code = props.groupCode.toLowerCase();
  return (
    <GroupItemFormPage
      ctx={ctx}
      form={form}
      groupCode={props.groupCode}
      title={props.subgroupId ? t('subgroup.editTitle') : t('subgroup.add')}
      action={props.subgroupId ? groupPaths.editSubgroup({ code, id: props.subgroupId }) : groupPaths.subgroups({ code })}
    >
      <SelectField
        ctx={ctx}
        form={form}
        name="kind"
        label={t('subgroup.kind')}
        options={subgroupKinds.map((k) => ({ value: k, label: t(subgroupKindLabel[k]) }))}
      />
      <TextField ctx={ctx} form={form} name="number" type="number" label={t('subgroup.number')} hint={t('subgroup.number.hint')} />
      <LocalizedFields ctx={ctx} form={form} name="title" label={t('subgroup.title')} />
    </GroupItemFormPage>
  );
}

export function OfficerFormPage(props: { ctx: ViewContext; form: FormState; groupCode: string; officerId?: number }) {
  const { ctx, form } = props;
  const { t } = ctx;
  const code = props.groupCode.toLowerCase();
  return (
    <GroupItemFormPage
      ctx={ctx}
      form={form}
      groupCode={props.groupCode}
      title={props.officerId ? t('officer.editTitle') : t('officer.add')}
      action={props.officerId ? groupPaths.editOfficer({ code, id: props.officerId }) : groupPaths.officers({ code })}
    >
      <SelectField
        ctx={ctx}
        form={form}
        name="role"
        label={t('officer.role')}
        options={officerRoles.map((r) => ({ value: r, label: t(officerRoleLabel[r]) }))}
      />
      <TextField ctx={ctx} form={form} name="title" label={t('profile.title')} hint={t('officer.title.hint')} />
      <TextField ctx={ctx} form={form} name="name" label={t('officer.name')} required />
      <TextField ctx={ctx} form={form} name="affiliation" label={t('officer.affiliation')} />
      <SelectField
        ctx={ctx}
        form={form}
        name="country"
        label={t('officer.country')}
        options={countryOptions(ctx, t('profile.country.none'))}
      />
      <TextField
        ctx={ctx}
        form={form}
        name="accountEmail"
        type="email"
        label={t('officer.accountEmail')}
        hint={t('officer.accountEmail.hint')}
      />
      <TextField ctx={ctx} form={form} name="fromDate" type="date" label={t('officer.fromDate')} />
      <TextField ctx={ctx} form={form} name="untilDate" type="date" label={t('officer.untilDate')} />
      <TextField ctx={ctx} form={form} name="position" type="number" label={t('officer.position')} hint={t('officer.position.hint')} />
    </GroupItemFormPage>
  );
}
