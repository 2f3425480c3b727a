import { defineAction, isSecretariat } from '../../platform/policy.ts';
import { mayViewRemoteDetails, type RemoteViewer } from './rules.ts';

/** Setting a meeting's remote-participation details: the secretariat (who sees them is remote/rules.ts, remoteEntitlement). */
export const manageRemoteAccess = defineAction('remote.manage', (actor) => isSecretariat(actor));

/** How to join a meeting remotely: whom remoteEntitlement entitles (the secretariat, officers, participants joining from afar). */
export const joinRemotely = defineAction<{ meetingMode: string; viewer: Omit<RemoteViewer, 'secretariat'> }>(
  'remote.join',
  (actor, { meetingMode, viewer }) => actor !== null && mayViewRemoteDetails(meetingMode, { ...viewer, secretariat: isSecretariat(actor) }),
);
