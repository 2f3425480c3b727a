import type { ComponentChildren } from 'preact';
import { defineSlot } from '../../platform/ui/slots.ts';
import type { MeetingDetail } from './service.ts';

/** Under the meeting's call to register: the invitation circular's note. */
export const meetingLead = defineSlot<MeetingDetail>('meeting.lead');
/** Beside each session in the sessions table, by session id: its agenda link. */
export const meetingSessionNotes = defineSlot<MeetingDetail, Map<number, ComponentChildren>>('meeting.session-notes');
/** After the deadlines: remote participation, the documents. */
export const meetingSections = defineSlot<MeetingDetail>('meeting.sections');
