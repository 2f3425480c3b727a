import { defineRegistrationMailTemplates } from './modules/registrations/service.ts';

/** Registers every module's templates for mails queued unrendered; called by the app and the worker. */
export function defineMailTemplates(): void {
  defineRegistrationMailTemplates();
}
