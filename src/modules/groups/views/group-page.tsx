import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../platform/http/request-context.ts';
import { countryName } from '../../../platform/i18n/dates.ts';
import { pick } from '../../../platform/i18n/index.ts';
import { ButtonLink, PageHeader } from '../../../platform/ui/components.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Localized, Message } from '../../../platform/ui/localized.tsx';
import type { MenuLink } from '../../../platform/ui/menus.ts';
import { TableHead } from '../../../platform/ui/table.tsx';
import { DateText } from '../../../platform/ui/units.tsx';
import { groupPaths } from '../paths.ts';
import type { GroupDetail, GroupRow, OfficerRow } from '../service.ts';
import { groupStatusLabel, officerRoleLabel } from '../vocabulary.ts';

export function subgroupName(ctx: ViewContext, s: { kind: string; number: number | null }) {
  return s.kind === 'TG' ? ctx.t('subgroup.tg') : ctx.t('subgroup.wg', { number: s.number ?? '' });
}

export function GroupsIndexPage(props: {
  ctx: ViewContext;
  groups: GroupRow[];
  notice?: string /** May create groups. */;
  mayManage: boolean;
}) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('groups.title')} notice={props.notice}>
      <h1>{t('groups.title')}</h1>
      {props.mayManage && (
        <p>
          <a class="button" href={groupPaths.newGroup()}>
            {t('groups.new')}
          </a>
        </p>
      )}
      {props.groups.length === 0 ? (
        <p>{t('groups.none')}</p>
      ) : (
        <ul class="cards">
          {props.groups.map((g) => (
            <li>
              <a href={groupPaths.group({ code: g.code.toLowerCase() })}>
                <strong>{g.code}</strong> — <Localized ctx={ctx} text={g.name} />
              </a>
              {g.status !== 'active' && <span class="tag"> {t(groupStatusLabel[g.status])}</span>}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** The group's officers; with `actions`, each row gets the secretariat's edit controls. */
export function OfficersTable(props: { ctx: ViewContext; officers: OfficerRow[]; actions?: (o: OfficerRow) => ComponentChildren }) {
  const { t, locale } = props.ctx;
  const columns = [t('officer.role'), t('officer.name'), t('officer.affiliation'), t('officer.country')] as const;
  // On a phone each officer is a block of "label: value" lines, not a row wider than the screen.
  return (
    <table class="stack">
      <TableHead ctx={props.ctx} caption={t('group.officers')} columns={[...columns]} actions={Boolean(props.actions)} />
      <tbody>
        {props.officers.map((o) => (
          <tr>
            <td data-label={columns[0]}>{t(officerRoleLabel[o.role])}</td>
            <td data-label={columns[1]}>
              <bdi>{[o.title, o.name].filter(Boolean).join(' ')}</bdi>
            </td>
            <td data-label={columns[2]}>{o.affiliation && <bdi>{o.affiliation}</bdi>}</td>
            <td data-label={columns[3]}>{countryName(o.country, locale)}</td>
            {props.actions && <td data-label={t('form.actions')}>{props.actions(o)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function GroupPage(props: {
  ctx: ViewContext;
  group: GroupDetail;
  notice?: string;
  /** The parts other modules fill in (see ../slots.ts). */
  main?: ComponentChildren[];
  sections?: ComponentChildren[];
  /** May edit the group and plan its meetings. */
  mayManage: boolean;
  /** What else managers can do, and the page's other links (groupAdminActions, groupLinks). */
  adminActions: MenuLink[];
  links: MenuLink[];
}) {
  const { ctx, group } = props;
  const { t, locale } = ctx;
  const name = pick(group.name, locale);
  const slug = group.code.toLowerCase();
  return (
    <Layout ctx={ctx} title={`${group.code} — ${name}`} notice={props.notice}>
      <PageHeader
        eyebrow={group.code}
        title={<Localized ctx={ctx} text={group.name} />}
        lead={[
          group.parentBody && t('group.parent', { body: group.parentBody }),
          group.establishedOn && (
            <Message t={t} id="group.established" params={{ date: <DateText ctx={ctx} date={group.establishedOn} /> }} />
          ),
          t(groupStatusLabel[group.status]),
        ]
          .filter(Boolean)
          .map((part, i) => (
            <>
              {i > 0 && ' · '}
              {part}
            </>
          ))}
        actions={
          props.mayManage && (
            <>
              <ButtonLink href={groupPaths.edit({ code: slug })}>{t('group.edit')}</ButtonLink>
              {props.adminActions.map((link) => (
                <ButtonLink href={link.href} kind="secondary">
                  {link.label}
                </ButtonLink>
              ))}
            </>
          )
        }
      />
      {props.main}
      <section aria-labelledby="mandate-h">
        <h2 id="mandate-h">{t('group.mandate')}</h2>
        {pick(group.mandate, locale) ? <Localized ctx={ctx} text={group.mandate} paragraphs /> : <p>{t('group.noMandate')}</p>}
      </section>
      <section aria-labelledby="structure-h">
        <h2 id="structure-h">{t('group.structure')}</h2>
        <ul class="structure">
          {group.subgroups.map((s) => (
            <li>
              <strong>{subgroupName(ctx, s)}</strong> – <Localized ctx={ctx} text={s.title} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="officers-h">
        <h2 id="officers-h">{t('group.officers')}</h2>
        <OfficersTable ctx={ctx} officers={group.officers} />
      </section>
      <section aria-labelledby="contact-h">
        <h2 id="contact-h">{t('group.contact')}</h2>
        <dl class="contact">
          {group.contactEmail && (
            <>
              <dt>{t('group.contactEmail')}</dt>
              <dd>
                <a href={`mailto:${group.contactEmail}`}>{group.contactEmail}</a>
              </dd>
            </>
          )}
          {group.contactTel && (
            <>
              <dt>{t('group.contactTel')}</dt>
              <dd>{group.contactTel}</dd>
            </>
          )}
          {group.contactFax && (
            <>
              <dt>{t('group.contactFax')}</dt>
              <dd>{group.contactFax}</dd>
            </>
          )}
        </dl>
      </section>
      {props.sections}
      <p class="meta">
        {props.links.map((link) => (
          <>
            <a href={link.href}>{link.label}</a> ·{' '}
          </>
        ))}
        <a href={`/api/groups/${slug}`}>{t('group.json')}</a>
      </p>
    </Layout>
  );
}
