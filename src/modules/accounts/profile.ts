export type { Actor } from '../../platform/actor.ts';
