import type { ViewContext } from '../../../platform/http/request-context.ts';
import { pick } from '../../../platform/i18n/index.ts';
import { Badge, Breadcrumb, ButtonLink, DataTable, EmptyState, PageHeader } from '../../../platform/ui/components.tsx';
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
import { DateText } from '../../../platform/ui/units.tsx';
import { documentPaths } from '../../documents/paths.ts';
import { groupPaths } from '../../groups/paths.ts';
import { liaisonPaths } from '../paths.ts';
import type { LiaisonView } from '../service.ts';
import {
  type LiaisonStatus,
  liaisonDirectionLabel,
  liaisonDirections,
  liaisonPurposeLabel,
  liaisonPurposes,
  liaisonStatusLabel,
} from '../vocabulary.ts';

interface GroupRef {
  code: string;
  name: Record<string, string>;
}

const slug = (group: GroupRef) => ({ code: group.code.toLowerCase() });
const statusTone: Record<LiaisonStatus, 'warning' | 'success' | 'neutral'> = {
  open: 'warning',
  replied: 'success',
  'no-reply-needed': 'neutral',
};

function StatusBadge(props: { ctx: ViewContext; status: LiaisonStatus }) {
  return <Badge tone={statusTone[props.status]}>{props.ctx.t(liaisonStatusLabel[props.status])}</Badge>;
}

function DocumentLink(props: { number: string | null; fallback: string }) {
  return props.number ? (
    <a class="doc-number" href={documentPaths.document({ number: props.number })}>
      {props.number}
    </a>
  ) : (
    <span class="meta">{props.fallback}</span>
  );
}

/** The group's register: every statement in and out, its status and the reply deadline. */
export function LiaisonRegisterPage(props: {
  ctx: ViewContext;
  group: GroupRef;
  rows: LiaisonView[];
  mayManage: boolean;
  notice?: string;
}) {
  const { ctx, group, rows } = props;
  const { t, locale } = ctx;
  const title = t('liaison.register');
  const groupName = pick(group.name, locale);
  const label = {
    direction: t('liaison.direction'),
    number: t('liaison.document'),
    title: t('liaison.title'),
    fromTo: t('liaison.fromTo'),
    purpose: t('liaison.purpose'),
    deadline: t('liaison.replyDeadline'),
    status: t('liaison.status'),
  };
  return (
    <Layout ctx={ctx} title={`${title} · ${group.code}`} notice={props.notice}>
      <Breadcrumb
        label={t('liaison.breadcrumb')}
        trail={[
          { href: groupPaths.groups(), label: t('nav.groups') },
          { href: groupPaths.group(slug(group)), label: groupName },
          { label: title },
        ]}
      />
      <PageHeader
        eyebrow={group.code}
        title={title}
        lead={t('liaison.registerIntro')}
        actions={props.mayManage ? <ButtonLink href={liaisonPaths.create(slug(group))}>{t('liaison.new')}</ButtonLink> : undefined}
      />
      {props.mayManage && (
        <form class="filter-bar" method="get" action={liaisonPaths.create(slug(group))} aria-label={t('liaison.fromOutput')}>
          <input type="hidden" name="direction" value="outgoing" />
          <div class="field">
            <label for="f-from">{t('liaison.fromOutput')}</label>
            <input id="f-from" name="from" dir="ltr" placeholder="FGMV-O-001" />
          </div>
          <div class="filter-actions">
            <button type="submit" class="secondary">
              {t('liaison.fromOutputButton')}
            </button>
          </div>
        </form>
      )}
      {rows.length === 0 ? (
        <EmptyState icon="inbox" title={t('liaison.none')} />
      ) : (
        <DataTable caption={t('liaison.count', { count: rows.length })} label={title} stack>
          <thead>
            <tr>
              <th scope="col">{label.direction}</th>
              <th scope="col">{label.number}</th>
              <th scope="col">{label.title}</th>
              <th scope="col">{label.fromTo}</th>
              <th scope="col">{label.purpose}</th>
              <th scope="col">{label.deadline}</th>
              <th scope="col">{label.status}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((ls) => (
              <tr>
                <td data-label={label.direction}>{t(liaisonDirectionLabel[ls.direction])}</td>
                <td data-label={label.number}>
                  <DocumentLink number={ls.documentNumber} fallback={t('liaison.noDocument')} />
                </td>
                <td data-label={label.title}>
                  <a href={liaisonPaths.liaison({ id: ls.id })}>{ls.title}</a>
                </td>
                <td data-label={label.fromTo}>{t('liaison.fromToValue', { from: ls.fromBody, to: ls.toBody })}</td>
                <td data-label={label.purpose}>{t(liaisonPurposeLabel[ls.purpose])}</td>
                <td data-label={label.deadline}>{ls.replyDeadline ? <DateText ctx={ctx} date={ls.replyDeadline} /> : '—'}</td>
                <td data-label={label.status}>
                  <StatusBadge ctx={ctx} status={ls.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </Layout>
  );
}

/** One statement: its facts, its document, the statement it answers and its replies. */
export function LiaisonPage(props: { ctx: ViewContext; group: GroupRef; ls: LiaisonView; mayManage: boolean; notice?: string }) {
  const { ctx, group, ls } = props;
  const { t, locale } = ctx;
  const actions = props.mayManage ? (
    <>
      <ButtonLink href={liaisonPaths.edit({ id: ls.id })} kind="secondary">
        {t('liaison.edit')}
      </ButtonLink>
      <ButtonLink
        href={liaisonPaths.create(slug(group), { replyTo: ls.id, direction: ls.direction === 'incoming' ? 'outgoing' : 'incoming' })}
      >
        {t('liaison.reply')}
      </ButtonLink>
    </>
  ) : undefined;
  return (
    <Layout ctx={ctx} title={ls.title} notice={props.notice}>
      <Breadcrumb
        label={t('liaison.breadcrumb')}
        trail={[
          { href: groupPaths.group(slug(group)), label: pick(group.name, locale) },
          { href: liaisonPaths.register(slug(group)), label: t('liaison.register') },
          { label: ls.title },
        ]}
      />
      <PageHeader eyebrow={t(liaisonDirectionLabel[ls.direction])} title={ls.title} actions={actions} />
      <dl class="facts">
        <dt>{t('liaison.status')}</dt>
        <dd>
          <StatusBadge ctx={ctx} status={ls.status} />
        </dd>
        <dt>{t('liaison.fromBody')}</dt>
        <dd>{ls.fromBody}</dd>
        <dt>{t('liaison.toBody')}</dt>
        <dd>{ls.toBody}</dd>
        <dt>{t('liaison.purpose')}</dt>
        <dd>{t(liaisonPurposeLabel[ls.purpose])}</dd>
        <dt>{t('liaison.replyDeadline')}</dt>
        <dd>{ls.replyDeadline ? <DateText ctx={ctx} date={ls.replyDeadline} /> : '—'}</dd>
        <dt>{t('liaison.contact')}</dt>
        <dd>
          {ls.contactName || '—'}
          {ls.contactEmail && (
            <>
              {' '}
              <a href={`mailto:${ls.contactEmail}`} dir="ltr">
                {ls.contactEmail}
              </a>
            </>
          )}
        </dd>
        <dt>{t('liaison.document')}</dt>
        <dd>
          <DocumentLink number={ls.documentNumber} fallback={t('liaison.noDocument')} />
        </dd>
        {ls.replyToId && (
          <>
            <dt>{t('liaison.replyTo')}</dt>
            <dd>
              <a href={liaisonPaths.liaison({ id: ls.replyToId })}>{ls.replyToTitle ?? `#${ls.replyToId}`}</a>
            </dd>
          </>
        )}
      </dl>
      <section aria-labelledby="replies">
        <h2 id="replies">{t('liaison.replies')}</h2>
        {ls.replies.length === 0 ? (
          <p class="meta">{t('liaison.noReplies')}</p>
        ) : (
          <ul class="replies">
            {ls.replies.map((r) => (
              <li>
                <a href={liaisonPaths.liaison({ id: r.id })}>{r.title}</a>{' '}
                <span class="meta">({t(liaisonDirectionLabel[r.direction])})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}

interface Choice {
  value: string;
  label: string;
}

/** Registering (with the received file) or editing a statement; works without JavaScript. */
export function LiaisonFormPage(props: {
  ctx: ViewContext;
  group: GroupRef;
  form: FormState;
  meetings: Choice[];
  statements: Choice[];
  /** Editing an existing one: its id (no file then; its document is named by number). */
  editing?: number;
}) {
  const { ctx, group, form } = props;
  const { t, locale } = ctx;
  const title = props.editing ? t('liaison.edit') : t('liaison.new');
  const action = props.editing ? liaisonPaths.edit({ id: props.editing }) : liaisonPaths.create(slug(group));
  const fileError = form.errors.find((e) => e.field === 'file');
  const none = { value: '', label: t('liaison.none.choice') };
  return (
    <Layout ctx={ctx} title={title}>
      <Breadcrumb
        label={t('liaison.breadcrumb')}
        trail={[
          { href: groupPaths.group(slug(group)), label: pick(group.name, locale) },
          { href: liaisonPaths.register(slug(group)), label: t('liaison.register') },
          { label: title },
        ]}
      />
      <PageHeader eyebrow={group.code} title={title} />
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={action} enctype={props.editing ? undefined : 'multipart/form-data'} novalidate>
        <CsrfField ctx={ctx} />
        <RequiredNote ctx={ctx} />
        <SelectField
          ctx={ctx}
          form={form}
          name="direction"
          required
          label={t('liaison.direction')}
          options={liaisonDirections.map((d) => ({ value: d, label: t(liaisonDirectionLabel[d]) }))}
        />
        <TextField ctx={ctx} form={form} name="title" required label={t('liaison.title')} />
        <TextField ctx={ctx} form={form} name="fromBody" required label={t('liaison.fromBody')} hint={t('liaison.bodyHint')} />
        <TextField ctx={ctx} form={form} name="toBody" required label={t('liaison.toBody')} hint={t('liaison.bodyHint')} />
        <SelectField
          ctx={ctx}
          form={form}
          name="purpose"
          required
          label={t('liaison.purpose')}
          options={liaisonPurposes.map((p) => ({ value: p, label: t(liaisonPurposeLabel[p]) }))}
        />
        <TextField
          ctx={ctx}
          form={form}
          name="replyDeadline"
          type="date"
          label={t('liaison.replyDeadline')}
          hint={t('liaison.deadlineHint')}
        />
        <TextField ctx={ctx} form={form} name="contactName" label={t('liaison.contactName')} autocomplete="off" />
        <TextField ctx={ctx} form={form} name="contactEmail" type="email" label={t('liaison.contactEmail')} dir="ltr" autocomplete="off" />
        <SelectField
          ctx={ctx}
          form={form}
          name="meetingId"
          label={t('liaison.meeting')}
          hint={t('liaison.meetingHint')}
          options={[none, ...props.meetings]}
        />
        <SelectField ctx={ctx} form={form} name="replyTo" label={t('liaison.replyTo')} options={[none, ...props.statements]} />
        <TextField
          ctx={ctx}
          form={form}
          name="documentNumber"
          label={t('liaison.documentNumber')}
          hint={t('liaison.documentNumberHint')}
          dir="ltr"
        />
        {!props.editing && (
          <div class={fileError ? 'field has-error' : 'field'}>
            <label for="f-file">{t('liaison.file')}</label>
            <p class="hint" id="f-file-hint">
              {t('liaison.fileHint')}
            </p>
            {fileError && (
              <p class="field-error" id="f-file-error">
                {t(fileError.message, fileError.params)}
              </p>
            )}
            <input
              id="f-file"
              type="file"
              name="file"
              accept=".docx,.pdf,.pptx,.xlsx,.zip"
              aria-invalid={fileError ? 'true' : undefined}
              aria-describedby={fileError ? 'f-file-hint f-file-error' : 'f-file-hint'}
            />
          </div>
        )}
        <SubmitButton>{props.editing ? t('liaison.save') : t('liaison.create')}</SubmitButton>
      </form>
    </Layout>
  );
}
