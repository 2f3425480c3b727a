import type { ViewContext } from '../../../platform/http/request-context.ts';
import { countryName } from '../../../platform/i18n/dates.ts';
import { Alert, Breadcrumb, ButtonLink, DataTable, EmptyState, PageHeader } from '../../../platform/ui/components.tsx';
import { CsrfField, ErrorSummary, type FormState, SubmitButton, TextArea } from '../../../platform/ui/forms.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Localized } from '../../../platform/ui/localized.tsx';
import { membershipCategoryLabel } from '../../accounts/vocabulary.ts';
import type { ImportSummary } from '../import.ts';
import { organizationPaths } from '../paths.ts';
import type { listOrganizations } from '../service.ts';
import { organizationCategories } from '../vocabulary.ts';

type Row = Awaited<ReturnType<typeof listOrganizations>>[number];

/** Every organization, with how many people belong to it and how many are its focal points. */
export function OrganizationsPage(props: { ctx: ViewContext; rows: Row[]; notice?: string }) {
  const { ctx, rows } = props;
  const { t, locale } = ctx;
  const label = {
    name: t('organization.name'),
    country: t('organization.country'),
    category: t('organization.category'),
    members: t('organization.members'),
    focalPoints: t('organization.focalPoints'),
  };
  const create = (
    <>
      <ButtonLink href={organizationPaths.importSheet()} kind="secondary">
        {t('organization.import.title')}
      </ButtonLink>
      <ButtonLink href={organizationPaths.create()}>{t('organization.new')}</ButtonLink>
    </>
  );
  return (
    <Layout ctx={ctx} title={t('organization.title')} notice={props.notice}>
      <PageHeader title={t('organization.title')} lead={t('organization.intro')} actions={create} />
      {rows.length === 0 ? (
        <EmptyState icon="people" title={t('organization.none')}>
          <p>{t('organization.noneHint')}</p>
        </EmptyState>
      ) : (
        <DataTable caption={t('organization.count', { count: rows.length })} label={t('organization.title')} stack>
          <thead>
            <tr>
              <th scope="col">{label.name}</th>
              <th scope="col">{label.country}</th>
              <th scope="col">{label.category}</th>
              <th scope="col" class="num">
                {label.members}
              </th>
              <th scope="col" class="num">
                {label.focalPoints}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((o) => (
              <tr>
                <td data-label={label.name}>
                  <a href={organizationPaths.organization({ id: o.id })}>
                    <Localized ctx={ctx} text={o.name} />
                  </a>
                </td>
                <td data-label={label.country}>{o.country ? countryName(o.country, locale) : t('organization.international')}</td>
                <td data-label={label.category}>{t(membershipCategoryLabel[o.category])}</td>
                <td data-label={label.members} class="num">
                  {o.members}
                </td>
                <td data-label={label.focalPoints} class="num">
                  {o.focalPoints === 0 ? <span class="meta">{t('organization.noFocalPoint')}</span> : o.focalPoints}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </Layout>
  );
}

/** The import form: a sheet pasted from a spreadsheet or a CSV file. */
export function ImportOrganizationsPage(props: { ctx: ViewContext; form: FormState; done?: ImportSummary }) {
  const { ctx, form } = props;
  const { t } = ctx;
  const title = t('organization.import.title');
  return (
    <Layout ctx={ctx} title={title}>
      <Breadcrumb
        label={t('organization.breadcrumb')}
        trail={[{ href: organizationPaths.list(), label: t('organization.title') }, { label: title }]}
      />
      <PageHeader title={title} />
      {props.done && (
        <Alert tone="success" live>
          <p>{t('organization.import.done', { ...props.done })}</p>
        </Alert>
      )}
      <p>{t('organization.import.intro', { choices: organizationCategories.join(', ') })}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={organizationPaths.importSheet()} novalidate>
        <CsrfField ctx={ctx} />
        <TextArea ctx={ctx} form={form} name="csv" required label={t('organization.import.csv')} rows={12} dir="ltr" />
        <SubmitButton>{t('organization.import.submit')}</SubmitButton>
      </form>
    </Layout>
  );
}
