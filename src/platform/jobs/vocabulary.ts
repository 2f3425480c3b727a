/** A job waits (and is retried) while pending; done, or failed for good after the last attempt. Never shown. */
export const jobStatuses = ['pending', 'done', 'failed'] as const;
export type JobStatus = (typeof jobStatuses)[number];
