import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../platform/http/request-context.ts';
import { pick } from '../../../platform/i18n/index.ts';
import { Badge, Breadcrumb, DataTable, PageHeader } from '../../../platform/ui/components.tsx';
import {
  CsrfField,
  ErrorSummary,
  type FormState,
  RequiredNote,
  SelectField,
  SubmitButton,
  TextField,
} from '../../../platform/ui/forms.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Localized } from '../../../platform/ui/localized.tsx';
import { LocalizedFields } from '../../../platform/ui/localized-fields.tsx';
import { countryOptions } from '../../accounts/views/profile-fields.tsx';
import { membershipCategoryLabel } from '../../accounts/vocabulary.ts';
import { organizationPaths } from '../paths.ts';
import type { OrganizationDetail } from '../service.ts';
import { organizationCategories } from '../vocabulary.ts';

/** The organization's name, country and category: a new one's form, or an existing one's. */
function OrganizationForm(props: { ctx: ViewContext; form: FormState; action: string; submit: string }) {
  const { ctx, form } = props;
  const { t } = ctx;
  return (
    <form method="post" action={props.action} novalidate>
      <CsrfField ctx={ctx} />
      <RequiredNote ctx={ctx} />
      <LocalizedFields ctx={ctx} form={form} name="name" label={t('organization.name')} hint={t('organization.name.hint')} />
      <SelectField
        ctx={ctx}
        form={form}
        name="country"
        label={t('organization.country')}
        options={countryOptions(ctx, t('organization.international'))}
      />
      <SelectField
        ctx={ctx}
        form={form}
        name="category"
        required
        label={t('organization.category')}
        hint={t('organization.category.hint')}
        options={[
          { value: '', label: t('organization.choose') },
          ...organizationCategories.map((c) => ({ value: c, label: t(membershipCategoryLabel[c]) })),
        ]}
      />
      <SubmitButton>{props.submit}</SubmitButton>
    </form>
  );
}

const trail = (ctx: ViewContext, here: ComponentChildren) => (
  <Breadcrumb
    label={ctx.t('organization.breadcrumb')}
    trail={[{ href: organizationPaths.list(), label: ctx.t('organization.title') }, { label: here }]}
  />
);

export function NewOrganizationPage(props: { ctx: ViewContext; form: FormState }) {
  const { ctx } = props;
  const title = ctx.t('organization.new');
  return (
    <Layout ctx={ctx} title={title}>
      {trail(ctx, title)}
      <PageHeader title={title} lead={ctx.t('organization.newIntro')} />
      <ErrorSummary ctx={ctx} form={props.form} />
      <OrganizationForm ctx={ctx} form={props.form} action={organizationPaths.create()} submit={ctx.t('form.create')} />
    </Layout>
  );
}

/** An organization: its members and focal points first (what the page is visited for), then its details. */
export function OrganizationPage(props: {
  ctx: ViewContext;
  organization: OrganizationDetail;
  form: FormState;
  memberForm: FormState;
  notice?: string;
}) {
  const { ctx, organization } = props;
  const { t, locale } = ctx;
  const name = pick(organization.name, locale);
  const label = { person: t('organization.person'), email: t('organization.email'), role: t('organization.role') };
  const id = organization.id;
  return (
    <Layout ctx={ctx} title={name} notice={props.notice}>
      {trail(ctx, <Localized ctx={ctx} text={organization.name} />)}
      <PageHeader title={<Localized ctx={ctx} text={organization.name} />} eyebrow={t(membershipCategoryLabel[organization.category])} />
      <section aria-labelledby="members-heading">
        <h2 id="members-heading">{t('organization.membersHeading')}</h2>
        <p class="hint">{t('organization.membersIntro')}</p>
        {organization.members.length === 0 ? (
          <p>{t('organization.noMembers')}</p>
        ) : (
          <DataTable
            caption={t('organization.memberCount', { count: organization.members.length })}
            label={t('organization.membersHeading')}
            stack
          >
            <thead>
              <tr>
                <th scope="col">{label.person}</th>
                <th scope="col">{label.email}</th>
                <th scope="col">{label.role}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('form.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {organization.members.map((m) => (
                <tr>
                  <td data-label={label.person}>
                    <bdi>
                      {m.givenName} {m.familyName}
                    </bdi>
                  </td>
                  <td data-label={label.email} class="address">
                    <bdi>{m.email}</bdi>
                  </td>
                  <td data-label={label.role}>
                    {m.focalPoint ? <Badge tone="info">{t('organization.focalPoint')}</Badge> : t('organization.member')}
                  </td>
                  <td>
                    <form method="post" action={organizationPaths.removeMember({ id, accountId: m.accountId })} class="inline">
                      <CsrfField ctx={ctx} />
                      <button type="submit" class="button secondary">
                        {t('organization.remove')}
                        <span class="visually-hidden">
                          {' '}
                          {m.givenName} {m.familyName}
                        </span>
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
        <h3>{t('organization.addMember')}</h3>
        <ErrorSummary ctx={ctx} form={props.memberForm} />
        <form method="post" action={organizationPaths.members({ id })} novalidate>
          <CsrfField ctx={ctx} />
          <TextField
            ctx={ctx}
            form={props.memberForm}
            name="email"
            type="email"
            required
            label={t('organization.email')}
            hint={t('organization.email.hint')}
            autocomplete="off"
          />
          <div class="checkbox">
            <input
              type="checkbox"
              id="f-focalPoint"
              name="focalPoint"
              value="on"
              checked={props.memberForm.values.focalPoint === 'on'}
              aria-describedby="f-focalPoint-hint"
            />
            <label for="f-focalPoint">{t('organization.makeFocalPoint')}</label>
          </div>
          <p class="hint" id="f-focalPoint-hint">
            {t('organization.focalPoint.hint')}
          </p>
          <SubmitButton>{t('organization.add')}</SubmitButton>
        </form>
      </section>
      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{t('organization.details')}</h2>
        <ErrorSummary ctx={ctx} form={props.form} />
        <OrganizationForm ctx={ctx} form={props.form} action={organizationPaths.organization({ id })} submit={t('form.save')} />
      </section>
    </Layout>
  );
}
