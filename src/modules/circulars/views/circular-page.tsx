import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../platform/http/request-context.ts';
import { formatDate } from '../../../platform/i18n/dates.ts';
import { localeNames, locales, pick } from '../../../platform/i18n/index.ts';
import { CsrfField, ErrorSummary, type FormState, fieldValue, TextField } from '../../../platform/ui/forms.tsx';
import { htmlLang, Layout } from '../../../platform/ui/layout.tsx';
import { Message } from '../../../platform/ui/localized.tsx';
import { LinkedText } from '../../../platform/ui/text.tsx';
import { DateText } from '../../../platform/ui/units.tsx';
import { groupPaths } from '../../groups/paths.ts';
import { meetingPaths } from '../../meetings/paths.ts';
import { MeetingNav } from '../../meetings/views/meeting-nav.tsx';
import { deadlineLabel } from '../../meetings/vocabulary.ts';
import type { FactChange, Letter } from '../letter.ts';
import { circularPaths } from '../paths.ts';
import type { CircularRow, CircularStatus, CircularSummary } from '../service.ts';
import { letterText } from '../text/index.ts';
import { addresseeKeys, addresseeText, copyToKeys, copyToText } from '../vocabulary.ts';

/** The letter itself, in its own language and direction whatever the page's. */
function LetterView(props: { letter: Letter }) {
  const { letter } = props;
  return (
    <article class="circular" lang={htmlLang(letter.locale)} dir={letter.dir}>
      <header class="letterhead">
        <p class="organization">{letter.organization}</p>
        <p class="bureau">{letter.bureau}</p>
      </header>
      <p class="place-date">{letter.placeDate}</p>
      <dl class="letter-fields">
        <dt>{letter.reference.label}</dt>
        <dd>
          {letter.reference.lines.map((line) => (
            <div>{line}</div>
          ))}
          {letter.corrigendum && <div class="corrigendum-title">{letter.corrigendum.title}</div>}
        </dd>
        <dt>{letter.to.label}</dt>
        <dd>
          <ul>
            {letter.to.items.map((item) => (
              <li>{item}</li>
            ))}
          </ul>
        </dd>
        {letter.copyTo.items.length > 0 && (
          <>
            <dt>{letter.copyTo.label}</dt>
            <dd>
              <ul>
                {letter.copyTo.items.map((item) => (
                  <li>{item}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {letter.contact.map((c) => (
          <>
            <dt>{c.label}</dt>
            <dd dir="ltr">
              <LinkedText mail text={c.value} />
            </dd>
          </>
        ))}
        <dt>{letter.subject.label}</dt>
        <dd>
          <strong>{letter.subject.text}</strong>
        </dd>
      </dl>
      {letter.corrigendum && letter.corrigendum.changes.length > 0 && (
        <section class="corrigendum" aria-label={letter.corrigendum.title}>
          <p>
            <strong>{letter.corrigendum.note}</strong>
          </p>
          <ul>
            {letter.corrigendum.changes.map((c) => (
              <li>{c}</li>
            ))}
          </ul>
        </section>
      )}
      <p>{letter.salutation}</p>
      {letter.blocks.map((block) => {
        if (block.kind === 'paragraph') {
          return (
            <p class="numbered">
              <span class="number">{block.number ?? ''}</span>
              <span>
                <LinkedText mail text={block.text} />
              </span>
            </p>
          );
        }
        if (block.kind === 'list') {
          return (
            <ul class="structure">
              {block.items.map((item) => (
                <li>{item}</li>
              ))}
            </ul>
          );
        }
        return (
          <table class="key-deadlines">
            <caption>{block.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{block.headers[0]}</th>
                <th scope="col">{block.headers[1]}</th>
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row) => (
                <tr>
                  <th scope="row">
                    <time dateTime={row.isoDate}>{row.date}</time>
                  </th>
                  <td>
                    <LinkedText mail text={row.what} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
      {letter.closing.map((line) => (
        <p class="closing">{line}</p>
      ))}
    </article>
  );
}

function versionLabel(ctx: ViewContext, row: Pick<CircularRow, 'number' | 'version'>): string {
  return row.version === 1
    ? ctx.t('circular.version.original', { number: row.number })
    : ctx.t('circular.version.corrigendum', { number: row.number, corrigendum: row.version - 1 });
}

function LanguageLinks(props: { ctx: ViewContext; meetingId: number; current: string }) {
  return (
    <ul class="inline-list">
      {locales.map((l) => (
        <li>
          <a
            href={circularPaths.circular({ id: props.meetingId }, { lang: l })}
            lang={l}
            hreflang={l}
            aria-current={l === props.current ? 'true' : undefined}
          >
            {localeNames[l]}
          </a>
        </li>
      ))}
    </ul>
  );
}

export function CircularPage(props: {
  ctx: ViewContext;
  meetingId: number;
  meetingTitle: string;
  letter: Letter;
  row: CircularRow;
  versions: CircularRow[];
  canManage: boolean;
}) {
  const { ctx, letter, row } = props;
  const { t } = ctx;
  const id = props.meetingId;
  const latest = row.version === props.versions.at(-1)?.version;
  return (
    <Layout ctx={ctx} title={`${versionLabel(ctx, row)} — ${props.meetingTitle}`}>
      <p class="eyebrow">
        <a href={meetingPaths.meeting({ id })}>{props.meetingTitle}</a>
      </p>
      <h1>{versionLabel(ctx, row)}</h1>
      <p class="meta">{<Message t={t} id="circular.issuedOn" params={{ date: <DateText ctx={ctx} date={row.issuedOn} /> }} />}</p>
      {!latest && (
        <p class="warnings" role="status">
          {t('circular.superseded')} <a href={circularPaths.circular({ id })}>{t('circular.seeLatest')}</a>
        </p>
      )}
      <nav aria-label={t('circular.downloads')} class="circular-tools">
        <p>
          <a
            class="button"
            href={circularPaths.pdf({ id }, { lang: letter.locale, version: latest ? undefined : row.version })}
            type="application/pdf"
          >
            {t('circular.pdf', { language: localeNames[letter.locale] })}
          </a>
        </p>
        <h2 class="h-small">{t('circular.otherLanguages')}</h2>
        <LanguageLinks ctx={ctx} meetingId={id} current={letter.locale} />
        {props.versions.length > 1 && (
          <>
            <h2 class="h-small">{t('circular.versions')}</h2>
            <ul class="inline-list">
              {props.versions.map((v) => (
                <li>
                  <a
                    href={circularPaths.circular({ id }, { lang: letter.locale, version: v.version })}
                    aria-current={v.version === row.version ? 'true' : undefined}
                  >
                    {versionLabel(ctx, v)}
                  </a>{' '}
                  <span class="meta">({formatDate(v.issuedOn, ctx.locale)})</span>
                </li>
              ))}
            </ul>
          </>
        )}
        {props.canManage && (
          <p>
            <a href={circularPaths.manage({ id })}>{t('circular.manage')}</a>
          </p>
        )}
      </nav>
      <LetterView letter={letter} />
    </Layout>
  );
}

function describeChange(ctx: ViewContext, change: FactChange): ComponentChildren {
  const { t, locale } = ctx;
  switch (change.field) {
    case 'visaSupport':
    case 'registration':
    case 'contributions':
      return t('circular.change.deadline', {
        deadline: t(deadlineLabel[change.field]),
        before: formatDate(change.before, locale),
        after: formatDate(change.after, locale),
      });
    case 'sessions':
      return t('circular.change.sessions');
    case 'languages':
      return t('circular.change.languages');
    case 'contact':
      return t('circular.change.contact');
    case 'officers':
      return t('circular.change.officers');
    case 'venue':
      return t('circular.change.venue');
    case 'title':
      return t('circular.change.title');
  }
}

export function CircularManagePage(props: {
  ctx: ViewContext;
  status: CircularStatus;
  draftLetter: Letter | null;
  form: FormState;
  notice?: string;
}) {
  const { ctx, status, form } = props;
  const { t } = ctx;
  const m = status.detail.meeting;
  const title = pick(m.title, ctx.locale);
  const latest = status.issued.at(-1);
  const checked = (name: string, key: string) => {
    const value = form.values[name];
    if (value === undefined) return true;
    return Array.isArray(value) ? value.includes(key) : value === key;
  };
  const words = letterText(ctx.locale);
  return (
    <Layout ctx={ctx} title={`${t('circular.manageTitle')} — ${title}`} notice={props.notice}>
      <MeetingNav ctx={ctx} detail={status.detail} current="circular-manage" />
      <h1>{t('circular.manageTitle')}</h1>
      {status.bureauMissing && (
        <p class="warnings" role="alert">
          {t('circular.error.noBureau')}{' '}
          <a href={groupPaths.edit({ code: status.detail.group.code.toLowerCase() })}>{t('circular.editGroup')}</a>
        </p>
      )}
      {status.issued.length > 0 ? (
        <section>
          <h2>{t('circular.issued')}</h2>
          <ul>
            {status.issued.map((v) => (
              <li>
                <a href={circularPaths.circular({ id: m.id }, { version: v.version })}>{versionLabel(ctx, v)}</a>{' '}
                <span class="meta">
                  {<Message t={t} id="circular.issuedOn" params={{ date: <DateText ctx={ctx} date={v.issuedOn} /> }} />}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        !status.bureauMissing && <p>{t('circular.noneIssued')}</p>
      )}
      {latest && status.changes.length > 0 && (
        <div class="warnings" role="status">
          <h2>{t('circular.corrigendumDue')}</h2>
          <ul>
            {status.changes.map((c) => (
              <li>{describeChange(ctx, c)}</li>
            ))}
          </ul>
        </div>
      )}
      {latest && status.changes.length === 0 && <p>{t('circular.upToDate')}</p>}
      {status.draft && (
        <form method="post" action={circularPaths.issue({ id: m.id })} novalidate>
          <h2>{latest ? t('circular.issueCorrigendum', { corrigendum: latest.version }) : t('circular.issueFirst')}</h2>
          <ErrorSummary ctx={ctx} form={form} />
          <CsrfField ctx={ctx} />
          <TextField ctx={ctx} form={form} name="initials" label={t('circular.initials')} hint={t('circular.initials.hint')} />
          <TextField
            ctx={ctx}
            form={form}
            name="issuedOn"
            type="date"
            label={t('circular.issuedOnField')}
            hint={t('circular.issuedOn.hint')}
          />
          <fieldset>
            <legend>{words('label.to')}</legend>
            {addresseeKeys.map((k) => (
              <label class="checkbox">
                <input type="checkbox" name="addressees" value={k} checked={checked('addressees', k)} />
                {words(addresseeText[k])}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{words('label.copyTo')}</legend>
            {copyToKeys.map((k) => (
              <label class="checkbox">
                <input type="checkbox" name="copyTo" value={k} checked={checked('copyTo', k)} />
                {words(copyToText[k])}
              </label>
            ))}
          </fieldset>
          <p class="hint">{t('circular.immutable')}</p>
          <div class="actions">
            <button type="submit">{latest ? t('circular.issueCorrigendumButton') : t('circular.issueButton')}</button>
          </div>
        </form>
      )}
      {props.draftLetter && (
        <section>
          <h2>{t('circular.preview')}</h2>
          <p class="hint">{fieldValue(form, '_preview') || t('circular.preview.hint')}</p>
          <LetterView letter={props.draftLetter} />
        </section>
      )}
    </Layout>
  );
}

/** On the meeting page: the invitation circular, and for the secretariat a way to issue it or its corrigendum. */
export function MeetingCircularNote(props: { ctx: ViewContext; meetingId: number; summary: CircularSummary }) {
  const { ctx, summary } = props;
  const { t } = ctx;
  const id = props.meetingId;
  if (!summary.latest && !summary.canManage) return null;
  return (
    <section class="circular-note" aria-labelledby="circular-heading">
      <h2 id="circular-heading">{t('meeting.circular')}</h2>
      {summary.latest ? (
        <p>
          <a href={circularPaths.circular({ id })}>{versionLabel(ctx, summary.latest)}</a>{' '}
          <span class="meta">({formatDate(summary.latest.issuedOn, ctx.locale)})</span> ·{' '}
          <a href={circularPaths.pdf({ id }, { lang: ctx.locale })} type="application/pdf">
            PDF
          </a>
        </p>
      ) : (
        <p>{t('meeting.circular.none')}</p>
      )}
      {summary.corrigendumDue && (
        <p class="warnings" role="status">
          {t('circular.corrigendumDue')}
        </p>
      )}
      {summary.canManage && (
        <p>
          <a href={circularPaths.manage({ id })}>{t('circular.manage')}</a>
        </p>
      )}
    </section>
  );
}
