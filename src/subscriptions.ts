import { subscribeRegistrationEvents } from './modules/registrations/events.ts';

/** Subscribes every module's handlers to the domain events of others; called by the app and the worker. */
export function subscribeDomainEvents(): void {
  subscribeRegistrationEvents();
}
