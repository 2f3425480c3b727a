import { defineEvent } from '../../platform/events.ts';
import type { meetings } from './schema.ts';

type MeetingRow = typeof meetings.$inferSelect;

/** A meeting was edited (form or API): its row before and after, inside the edit's transaction. */
export const meetingUpdated = defineEvent<{ meetingId: number; before: MeetingRow; after: MeetingRow }>('meeting.updated');
