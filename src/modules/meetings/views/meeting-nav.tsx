import type { ViewContext } from '../../../platform/http/request-context.ts';
import { Breadcrumb, Tabs } from '../../../platform/ui/components.tsx';
import { Localized } from '../../../platform/ui/localized.tsx';
import { groupPaths } from '../../groups/paths.ts';
import { meetingPaths } from '../paths.ts';
import type { MeetingDetail } from '../service.ts';
import { tabsFor } from '../tabs.ts';

/**
 * The top of every page of a meeting: where it sits (group → meeting → page) and the meeting's other pages,
 * the management ones in their own row for those who may use them. `current`: the key of this page's tab.
 */
export function MeetingNav(props: { ctx: ViewContext; detail: MeetingDetail; current: string; page?: string }) {
  const { ctx, detail } = props;
  const { t } = ctx;
  const tabs = tabsFor(ctx.actor, detail);
  const here = [...tabs.public, ...tabs.staff].find((tab) => tab.key === props.current);
  const trail = [
    { href: groupPaths.group({ code: detail.group.code.toLowerCase() }), label: detail.group.code },
    { href: meetingPaths.meeting({ id: detail.meeting.id }), label: <Localized ctx={ctx} text={detail.meeting.title} /> },
  ];
  const pageLabel = props.page ?? (here && props.current !== 'overview' ? t(here.label) : undefined);
  return (
    <>
      <Breadcrumb label={t('meetingNav.breadcrumb')} trail={pageLabel ? [...trail, { label: pageLabel }] : trail} />
      <Tabs
        label={t('meetingNav.pages')}
        items={tabs.public.map((tab) => ({ href: tab.href(detail), label: t(tab.label), current: tab.key === props.current }))}
      />
      {tabs.staff.length > 0 && (
        <Tabs
          secondary
          label={t('meetingNav.manage')}
          items={tabs.staff.map((tab) => ({ href: tab.href(detail), label: t(tab.label), current: tab.key === props.current }))}
        />
      )}
    </>
  );
}
