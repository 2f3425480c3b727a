import { countryCodes } from '../../../platform/countries.ts';
import type { ViewContext } from '../../../platform/http/request-context.ts';
import { countryName } from '../../../platform/i18n/dates.ts';
import { type FormState, SelectField, TextField } from '../../../platform/ui/forms.tsx';
import { membershipCategories, membershipCategoryLabel, personalTitleLabel, personalTitles } from '../vocabulary.ts';

export function countryOptions(ctx: ViewContext, emptyLabel: string) {
  const options = countryCodes
    .map((code) => ({ value: code, label: countryName(code, ctx.locale) }))
    .sort((a, b) => a.label.localeCompare(b.label, ctx.locale));
  return [{ value: '', label: emptyLabel }, ...options];
}

export function ProfileFields(props: { ctx: ViewContext; form: FormState }) {
  const { ctx, form } = props;
  const { t } = ctx;
  return (
    <>
      <SelectField
        ctx={ctx}
        form={form}
        name="title"
        label={t('profile.title')}
        options={personalTitles.map((v) => ({ value: v, label: t(personalTitleLabel[v]) }))}
      />
      <TextField ctx={ctx} form={form} name="givenName" label={t('profile.givenName')} autocomplete="given-name" required />
      <TextField ctx={ctx} form={form} name="familyName" label={t('profile.familyName')} autocomplete="family-name" required />
      <TextField ctx={ctx} form={form} name="organization" label={t('profile.organization')} autocomplete="organization" />
      <SelectField
        ctx={ctx}
        form={form}
        name="country"
        label={t('profile.country')}
        options={countryOptions(ctx, t('profile.country.none'))}
      />
      <SelectField
        ctx={ctx}
        form={form}
        name="category"
        label={t('profile.category')}
        hint={t('profile.category.hint')}
        options={membershipCategories.map((c) => ({ value: c, label: t(membershipCategoryLabel[c]) }))}
      />
    </>
  );
}
