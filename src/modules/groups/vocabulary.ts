import type { MessageKey } from '../../platform/i18n/index.ts';

/** A closed group keeps its pages and documents but holds no more meetings. */
export const groupStatuses = ['active', 'closed'] as const;
export type GroupStatus = (typeof groupStatuses)[number];
export const groupStatusLabel: Record<GroupStatus, MessageKey> = {
  active: 'group.status.active',
  closed: 'group.status.closed',
};

/** Who may read and download a group's documents. */
export const documentAccessLevels = ['public', 'signed-in'] as const;
export type DocumentAccess = (typeof documentAccessLevels)[number];
export const documentAccessLabel: Record<DocumentAccess, MessageKey> = {
  public: 'group.documentAccess.public',
  'signed-in': 'group.documentAccess.signed-in',
};

/**
 * Whether a registration waits for the approval of a focal point of the person's organization (ITU's designated
 * focal points) before it holds a place; non-member experts never wait. A meeting may decide otherwise.
 */
export const registrationApprovals = ['none', 'focal-point'] as const;
export type RegistrationApproval = (typeof registrationApprovals)[number];
export const registrationApprovalLabel: Record<RegistrationApproval, MessageKey> = {
  none: 'group.registrationApproval.none',
  'focal-point': 'group.registrationApproval.focal-point',
};

/** A task group (one per group, no number) or a numbered working group. */
export const subgroupKinds = ['TG', 'WG'] as const;
export type SubgroupKind = (typeof subgroupKinds)[number];
export const subgroupKindLabel: Record<SubgroupKind, MessageKey> = {
  TG: 'subgroup.kind.TG',
  WG: 'subgroup.kind.WG',
};

export const officerRoles = ['chair', 'vice-chair'] as const;
export type OfficerRole = (typeof officerRoles)[number];
export const officerRoleLabel: Record<OfficerRole, MessageKey> = {
  chair: 'officer.role.chair',
  'vice-chair': 'officer.role.vice-chair',
};
