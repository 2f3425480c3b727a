import type { ComponentChildren } from 'preact';
import type { MenuLink } from '../../platform/ui/menus.ts';
import { defineSlot } from '../../platform/ui/slots.ts';
import type { MeetingDetail } from './service.ts';

/** Under the title: what the reader can do about the meeting now (register, or that registration has closed). */
export const meetingCallToAction = defineSlot<MeetingDetail>('meeting.call-to-action');
/** Under the meeting's call to register: the invitation circular's note. */
export const meetingLead = defineSlot<MeetingDetail>('meeting.lead');
/** Beside each session in the sessions table, by session id: its agenda link. */
export const meetingSessionNotes = defineSlot<MeetingDetail, Map<number, ComponentChildren>>('meeting.session-notes');
/** The secretariat's links for one meeting (its registrations, its visa requests), on its page and in the console. */
export const meetingAdminLinks = defineSlot<{ meetingId: number }, MenuLink[]>('meeting.admin-links');
/** In the meeting page's last line, before the calendar file: the participant list, to whom may see it. */
export const meetingLinks = defineSlot<MeetingDetail, MenuLink[]>('meeting.links');
/** After the deadlines: remote participation, the documents. */
export const meetingSections = defineSlot<MeetingDetail>('meeting.sections');

/** A tool of the group's officers (chairs) for the meeting: a link, with a word on its state. */
export interface OfficerTool {
  href: string;
  label: string;
  note?: string;
}
/**
 * The group's officers' tools on the meeting page (edit a session's agenda, submit a temporary document):
 * each module offers only what its policy lets this reader do, so what an officer may not do is not offered.
 */
export const meetingOfficerTools = defineSlot<MeetingDetail, OfficerTool[]>('meeting.officer-tools');
