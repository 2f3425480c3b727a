import { z } from 'zod';
import type { LocalizedText } from '../../platform/db/columns.ts';
import { localizedText } from '../../platform/localized.ts';
import { countryCode, isoDate, oneOf, optionalIsoDate, optionalText, timeZone } from '../../platform/validation.ts';
import { registrationApprovals } from '../groups/vocabulary.ts';
import { latePolicies, meetingModes, participantListVisibilities, workingLanguages } from './vocabulary.ts';

const CLOCK = /^([01]?\d|2[0-3]):([0-5]\d)(?::00)?$/;

/** A wall-clock time "HH:MM" (a form's time input may send "9:30" where it falls back to text); empty or null is none. */
const clockTime = () =>
  z
    .string({ message: 'error.time' })
    .trim()
    .nullable()
    .optional()
    .transform((v, c) => {
      if (!v) return null;
      const m = CLOCK.exec(v);
      if (m) return `${m[1]!.padStart(2, '0')}:${m[2]}`;
      c.addIssue({ code: 'custom', message: 'error.time' });
      return z.NEVER;
    });

/**
 * A translatable text given either as one plain string, taken as English and replacing every translation (what
 * clients wrote before the venue was translatable), or as its translations by language — not both.
 */
function textOrTranslations<P extends string, T extends string>(plain: P, translations: T, max: number) {
  return {
    shape: {
      [plain]: optionalText(max),
      [translations]: localizedText({ max, required: false }).optional(),
    } as Record<P, ReturnType<typeof optionalText>> & Record<T, z.ZodOptional<ReturnType<typeof localizedText>>>,
    check: (v: Record<string, unknown>, c: z.RefinementCtx) => {
      if (v[plain] && v[translations] !== undefined)
        c.addIssue({ code: 'custom', message: 'error.textOrTranslations', path: [translations] });
    },
    resolve: (v: Record<string, unknown>): LocalizedText =>
      (v[translations] as LocalizedText | undefined) ?? (v[plain] ? { en: v[plain] as string } : {}),
  };
}

const venueName = textOrTranslations('name', 'names', 200);
const venueCity = textOrTranslations('city', 'cities', 100);
const sessionRoom = textOrTranslations('room', 'rooms', 200);

const sessionSchema = z
  .object({
    subgroup: z.string({ message: 'error.required' }).trim().toUpperCase().min(1, { message: 'error.required' }),
    startDate: isoDate(),
    endDate: isoDate(),
    startTime: clockTime(),
    endTime: clockTime(),
    ...sessionRoom.shape,
  })
  .superRefine((s, c) => {
    if (s.endDate < s.startDate) c.addIssue({ code: 'custom', message: 'error.endBeforeStart', path: ['endDate'] });
    if (s.startTime && !s.endTime) c.addIssue({ code: 'custom', message: 'error.timesBoth', path: ['endTime'] });
    if (!s.startTime && s.endTime) c.addIssue({ code: 'custom', message: 'error.timesBoth', path: ['startTime'] });
    if (s.startTime && s.endTime && s.endTime <= s.startTime) {
      c.addIssue({ code: 'custom', message: 'error.endTimeBeforeStart', path: ['endTime'] });
    }
    sessionRoom.check(s, c);
  })
  .transform((s) => ({
    subgroup: s.subgroup,
    startDate: s.startDate,
    endDate: s.endDate,
    startTime: s.startTime,
    endTime: s.endTime,
    room: sessionRoom.resolve(s),
  }));
export type SessionData = z.output<typeof sessionSchema>;

export const meetingSchema = z.object({
  title: localizedText({ max: 300 }),
  venue: z
    .object({ ...venueName.shape, ...venueCity.shape, country: countryCode(), timeZone: timeZone() })
    .superRefine((v, c) => {
      venueName.check(v, c);
      venueCity.check(v, c);
    })
    .transform((v) => ({ name: venueName.resolve(v), city: venueCity.resolve(v), country: v.country, timeZone: v.timeZone })),
  mode: oneOf(meetingModes),
  languages: z.array(oneOf(workingLanguages)).min(1, { message: 'error.required' }).default(['en']),
  practicalInfo: localizedText({ max: 20_000, required: false, lines: true }).default({}),
  sessions: z.array(sessionSchema).min(1, { message: 'error.sessionsRequired' }).max(50),
  deadlines: z.object({ visaSupport: optionalIsoDate(), registration: optionalIsoDate(), contributions: optionalIsoDate() }).default({}),
  /** In-person places; empty means unlimited. */
  inPersonCapacity: z
    .preprocess(
      (v) => (v === '' || v === undefined ? null : v),
      z.coerce
        .number({ message: 'error.number' })
        .int({ message: 'error.number' })
        .min(0, { message: 'error.number' })
        .max(100_000, { message: 'error.number' })
        .nullable(),
    )
    .optional()
    .transform((v) => v ?? null),
  participantListVisibility: oneOf(participantListVisibilities).default('secretariat'),
  lateContributions: oneOf(latePolicies).default('flag'),
  /** Empty or absent: as the group decides. */
  registrationApproval: z
    .union([z.literal(''), z.null(), oneOf(registrationApprovals)])
    .optional()
    .transform((v) => v || null),
});
