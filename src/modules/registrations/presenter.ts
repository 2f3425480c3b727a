import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { partsOfRegistrations } from './parts.ts';
import { registrationPaths } from './paths.ts';
import type { RegistrationView } from './view.ts';
import { participationModes, registrationStatuses } from './vocabulary.ts';

const core = z.object({
  id: z.number(),
  number: z.string(),
  meetingId: z.number(),
  mode: z.enum(participationModes),
  sessions: z.array(z.string()),
  status: z.enum(registrationStatuses),
  waitlistPosition: z.number().nullable(),
  declineReason: z.string().nullable().describe('Why a focal point declined it; null unless `declined`'),
  url: z.string(),
});

/** A registration as the API returns it, each part's piece included (call once the modules are wired). */
export function registrationResponse() {
  return core.extend(Object.fromEntries(partsOfRegistrations().map((p) => [p.pieceField, p.documentedPiece])));
}

export function presentRegistration(ctx: AppContext, r: RegistrationView): Record<string, unknown> {
  return {
    id: r.id,
    number: r.number,
    meetingId: r.meetingId,
    mode: r.mode,
    sessions: r.sessions,
    status: r.status,
    waitlistPosition: r.waitlistPosition,
    declineReason: r.declineReason,
    ...Object.fromEntries(partsOfRegistrations().map((p) => [p.pieceField, p.present(ctx, r.id, r.parts[p.pieceField] ?? null)])),
    url: `${ctx.config.baseUrl}${registrationPaths.registration({ id: r.id })}`,
  };
}
