import { countryCodes } from '../../../platform/countries.ts';
import type { ViewContext } from '../../../platform/http/request-context.ts';
import { countryName } from '../../../platform/i18n/dates.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { type FormState, SelectField, TextField } from '../../../platform/ui/forms.tsx';
import { membershipCategories, membershipCategoryLabel, personalTitleLabel, personalTitles } from '../vocabulary.ts';

export function countryOptions(ctx: ViewContext, emptyLabel: string) {
  const options = countryCodes
    .map((code) => ({ value: code, label: countryName(code, ctx.locale) }))
    .sort((a, b) => a.label.localeCompare(b.label, ctx.locale));
  return [{ value: '', label: emptyLabel }, ...options];
}

/**
 * Languages whose readers write (and are asked for) the family name first: Chinese (李 伟), and Russian, whose forms
 * ask «Фамилия, Имя» in that order. The others ask the given name first.
 */
const familyNameFirst: ReadonlySet<Locale> = new Set(['zh', 'ru']);

export function ProfileFields(props: { ctx: ViewContext; form: FormState }) {
  const { ctx, form } = props;
  const { t } = ctx;
  const given = <TextField ctx={ctx} form={form} name="givenName" label={t('profile.givenName')} autocomplete="given-name" required />;
  const family = <TextField ctx={ctx} form={form} name="familyName" label={t('profile.familyName')} autocomplete="family-name" required />;
  return (
    <>
      <SelectField
        ctx={ctx}
        form={form}
        name="title"
        label={t('profile.title')}
        autocomplete="honorific-prefix"
        options={personalTitles.map((v) => ({ value: v, label: t(personalTitleLabel[v]) }))}
      />
      {familyNameFirst.has(ctx.locale) ? [family, given] : [given, family]}
      <TextField ctx={ctx} form={form} name="organization" label={t('profile.organization')} autocomplete="organization" />
      <SelectField
        ctx={ctx}
        form={form}
        name="country"
        label={t('profile.country')}
        autocomplete="country"
        options={countryOptions(ctx, t('profile.country.none'))}
      />
      <CategoryField ctx={ctx} form={form} hint={t('profile.category.hint')} required />
    </>
  );
}

/** The ITU membership category, chosen, never assumed (it decides, among others, who may ask for visa support). */
export function CategoryField(props: { ctx: ViewContext; form: FormState; hint?: string; required?: boolean }) {
  const { t } = props.ctx;
  return (
    <SelectField
      ctx={props.ctx}
      form={props.form}
      name="category"
      label={t('profile.category')}
      hint={props.hint}
      required={props.required}
      options={[
        { value: '', label: t('profile.category.choose') },
        ...membershipCategories.map((c) => ({ value: c, label: t(membershipCategoryLabel[c]) })),
      ]}
    />
  );
}
