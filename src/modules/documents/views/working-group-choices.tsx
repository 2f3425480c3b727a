import type { ViewContext } from '../../../platform/http/request-context.ts';
import { type FormState, fieldValue } from '../../../platform/ui/forms.tsx';

/** The group's working groups as checkboxes; the form's value is one text ("WG5,WG6"). */
export function WorkingGroupChoices(props: { ctx: ViewContext; form: FormState; workingGroups: string[] }) {
  const { t } = props.ctx;
  const chosen = new Set(
    String(fieldValue(props.form, 'workingGroups'))
      .split(/[,;\s]+/)
      .filter(Boolean),
  );
  return (
    <fieldset>
      <legend>{t('document.workingGroups')}</legend>
      <div class="choices inline">
        {props.workingGroups.map((wg) => (
          <label>
            <input type="checkbox" name="workingGroups" value={wg} checked={chosen.has(wg)} /> {wg}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
