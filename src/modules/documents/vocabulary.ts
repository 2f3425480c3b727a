import type { MessageKey } from '../../platform/i18n/index.ts';

/** I input contribution, TD temporary document, O output document, LS liaison statement (sent or received). */
export const documentTypes = ['I', 'TD', 'O', 'LS'] as const;
export type DocumentType = (typeof documentTypes)[number];
export const documentTypeLabel: Record<DocumentType, MessageKey> = {
  I: 'document.type.I',
  TD: 'document.type.TD',
  O: 'document.type.O',
  LS: 'document.type.LS',
};

/**
 * A number reserved before its file (like a Tdoc reservation) is `reserved` until the file is uploaded under it;
 * then, like any other document, `submitted`.
 */
export const documentStatuses = ['submitted', 'reserved'] as const;
export type DocumentStatus = (typeof documentStatuses)[number];

/** How a document arrived: the web form (or the API), or mailed to the group's contribution address. */
export const submissionChannels = ['web', 'email'] as const;
export type SubmissionChannel = (typeof submissionChannels)[number];

/**
 * A contribution mailed by someone without an account: waiting for the secretariat; `accepting` while one
 * of them turns it into a document (the claim is released again if that fails); then accepted or rejected.
 */
export const inboundStatuses = ['pending', 'accepting', 'accepted', 'rejected'] as const;
export type InboundStatus = (typeof inboundStatuses)[number];

/** Why a mailed contribution was refused, each told to the sender in their language. */
export const inboundRejections = [
  'no-attachment',
  'too-many-attachments',
  'file-type',
  'content-mismatch',
  'file-too-large',
  'unknown-address',
  'no-meeting',
  'deadline-passed',
] as const;
export type InboundRejection = (typeof inboundRejections)[number];
export const inboundRejectionLabel: Record<InboundRejection, MessageKey> = {
  'no-attachment': 'inbound.reason.noAttachment',
  'too-many-attachments': 'inbound.reason.tooManyAttachments',
  'file-type': 'inbound.reason.fileType',
  'content-mismatch': 'inbound.reason.contentMismatch',
  'file-too-large': 'inbound.reason.fileTooLarge',
  'unknown-address': 'inbound.reason.unknownAddress',
  'no-meeting': 'inbound.reason.noMeeting',
  'deadline-passed': 'inbound.reason.deadlinePassed',
};

/** Mail processed without an answer: bounces, auto-replies and list mail. */
const ignoredMailReasons = ['bounce'] as const;
export type IgnoredMailReason = (typeof ignoredMailReasons)[number];

/**
 * What became of each mail the inbound listener accepted (its row in inbound_mail_log): `reserved` while it
 * is being received, then numbered, queued for the secretariat, rejected (with the reason) or ignored.
 */
export const inboundMailOutcomes = [
  'reserved',
  'numbered',
  'queued',
  ...inboundRejections.map((reason) => `rejected:${reason}` as const),
  ...ignoredMailReasons.map((why) => `ignored:${why}` as const),
] as const;
export type InboundMailOutcome = (typeof inboundMailOutcomes)[number];
