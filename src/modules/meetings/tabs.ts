import type { Actor } from '../../platform/actor.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { definePlugPoint, pluggedInto } from '../../platform/modules/extensions.ts';
import type { MeetingDetail } from './service.ts';

/**
 * One of a meeting's pages in the sub-navigation every page of the meeting shares (overview, registration,
 * circular, participants; for staff, the management pages): the module that owns the page plugs it in.
 */
interface MeetingTab {
  key: string;
  label: MessageKey;
  order: number;
  href: (detail: MeetingDetail) => string;
  /** A management page: shown in the staff row. */
  staff?: boolean;
  /** Offered only to those it says (decided by the owning module's policy); to everyone when absent. */
  offeredTo?: (actor: Actor | null, detail: MeetingDetail) => boolean;
}

export const meetingTabs = definePlugPoint<MeetingTab>('meetings.tabs');

/** The meeting's tabs this reader is offered, in order, the public ones and the staff ones apart. */
export function tabsFor(actor: Actor | null, detail: MeetingDetail): { public: MeetingTab[]; staff: MeetingTab[] } {
  const offered = pluggedInto(meetingTabs)
    .filter((tab) => !tab.offeredTo || tab.offeredTo(actor, detail))
    .sort((a, b) => a.order - b.order);
  return { public: offered.filter((tab) => !tab.staff), staff: offered.filter((tab) => tab.staff) };
}
