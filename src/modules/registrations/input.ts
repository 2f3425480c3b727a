import { z } from 'zod';
import { type FieldError, ValidationError } from '../../platform/errors.ts';
import { oneOf, parseInput } from '../../platform/validation.ts';
import type { MeetingDetail } from '../meetings/service.ts';
import { partsOfRegistrations, type RegistrationPart } from './parts.ts';
import { allowedModes } from './rules.ts';
import { participationModes } from './vocabulary.ts';

const coreSchema = z.object({
  mode: oneOf(participationModes),
  sessions: z.array(z.string().trim().toUpperCase()).min(1, { message: 'error.sessionsChoose' }).max(50),
  consent: z.literal(true, { message: 'error.consent' }),
});
/** A registration's body: mode, sessions and consent, and each part's input under its field (`visaRequest`). */
/** A form field sent once, several times or not at all (checkboxes, multiple selects), as a list. */
export const many = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === '' ? [] : [String(v)]);

export type RegistrationInput = z.input<typeof coreSchema> & { [partInput: string]: unknown };
export type Checked = z.output<typeof coreSchema> & { parts: Map<RegistrationPart, unknown> };

/** Built once the modules are wired (the parts are plugged in then), and kept. */
let bodySchema: { parts: RegistrationPart[]; schema: z.ZodType<Record<string, unknown>> } | undefined;
function registrationSchema() {
  const parts = partsOfRegistrations();
  if (!bodySchema || bodySchema.parts.length !== parts.length) {
    const shape = Object.fromEntries(parts.map((p) => [p.inputField, p.input.optional()]));
    bodySchema = { parts, schema: coreSchema.extend(shape) as unknown as z.ZodType<Record<string, unknown>> };
  }
  return bodySchema;
}

export function parseRegistration(input: unknown): Checked {
  const { parts, schema } = registrationSchema();
  const data = parseInput(schema, input) as Record<string, unknown>;
  const asked = new Map<RegistrationPart, unknown>();
  for (const part of parts) if (data[part.inputField] !== undefined) asked.set(part, data[part.inputField]);
  return { ...(data as z.output<typeof coreSchema>), parts: asked };
}

/** Rules that need the meeting and the person: modes, sessions, and what each part asked checks. */
export function checkAgainstMeeting(data: Checked, detail: MeetingDetail, category: string, now: Date, pastDeadlines: boolean) {
  const problems: FieldError[] = [];
  if (!allowedModes(detail.meeting.mode).includes(data.mode)) problems.push({ field: 'mode', message: 'error.modeNotOffered' });
  const labels = new Set(detail.sessions.map((s) => s.subgroup));
  data.sessions.forEach((s, i) => {
    if (!labels.has(s)) problems.push({ field: `sessions.${i}`, message: 'error.unknownSession' });
  });
  for (const [part, input] of data.parts) problems.push(...part.check(input, { detail, mode: data.mode, category, now, pastDeadlines }));
  if (problems.length) throw new ValidationError(problems);
}

export interface RegisterOptions {
  idempotencyKey?: string;
  /** Secretariat only: register another account, identified by e-mail. */
  onBehalfOf?: string;
  /** The one-statement path already ran for this request (`registerWithApiToken`) and declined it. */
  oneStatementTried?: boolean;
}
