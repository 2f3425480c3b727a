/** At most one draft per session; publishing freezes it as the next version. */
export const agendaStatuses = ['draft', 'published'] as const;
export type AgendaStatus = (typeof agendaStatuses)[number];
