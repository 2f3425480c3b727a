/**
 * Who may see a meeting's remote-participation details (link, meeting ID, passcode, dial-in). Pure, so
 * the rule is tested as a table; the service gathers the facts (role, officer term, registration).
 */

export interface RemoteViewer {
  secretariat: boolean;
  /** A current officer of the meeting's group (they chair the sessions). */
  officer: boolean;
  /** The viewer's registration for the meeting, if any. */
  registration: { status: string; mode: string; sessions: readonly string[] } | null;
}

/** What the viewer may see: nothing, every block, or the whole-meeting block and their own sessions'. */
export type RemoteEntitlement = { kind: 'none' } | { kind: 'all' } | { kind: 'sessions'; subgroups: readonly string[] };

/** Whether a meeting of this mode has remote participation at all. */
export const offersRemote = (meetingMode: string) => meetingMode === 'virtual' || meetingMode === 'hybrid';

/**
 * The secretariat always; for a meeting with remote participation, the group's officers and every
 * participant whose place is confirmed ('registered': not waitlisted, not cancelled) and who joins
 * remotely — registered as remote, or in person at a hybrid meeting (they may have to follow a
 * session from afar); at a virtual meeting everyone joins remotely, whatever the registration says.
 * A participant sees the whole-meeting details and those of the sessions they registered for.
 */
export function remoteEntitlement(meetingMode: string, viewer: RemoteViewer): RemoteEntitlement {
  if (viewer.secretariat) return { kind: 'all' };
  if (!offersRemote(meetingMode)) return { kind: 'none' };
  if (viewer.officer) return { kind: 'all' };
  const r = viewer.registration;
  if (r?.status !== 'registered') return { kind: 'none' };
  const joinsRemotely = r.mode === 'remote' || meetingMode === 'virtual' || (r.mode === 'in-person' && meetingMode === 'hybrid');
  return joinsRemotely ? { kind: 'sessions', subgroups: r.sessions } : { kind: 'none' };
}

export const mayViewRemoteDetails = (meetingMode: string, viewer: RemoteViewer) => remoteEntitlement(meetingMode, viewer).kind !== 'none';

/** The link must be an https address (it becomes a link on the page, in mails and in calendars). */
export function isHttpsUrl(value: string): boolean {
  if (value.length > 2000 || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
