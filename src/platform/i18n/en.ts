export const en = {} as const; export type MessageKey = keyof typeof en;
