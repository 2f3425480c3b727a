/** Calendar-date and time-zone arithmetic. Dates are "YYYY-MM-DD" strings; instants are Dates (UTC). */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

let zoneCache: Set<string> | undefined;
export function isTimeZone(name: string): boolean {
  zoneCache ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (zoneCache.has(name)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name.includes('/') || name === 'UTC';
  } catch {
    return false;
  }
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(at: number, timeZone: string) {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return p as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** The zone's offset from UTC, in ms, at an instant. */
function offsetAt(at: number, timeZone: string): number {
  const w = wallClock(at, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** The calendar date an instant falls on in a time zone. */
export function dateInZone(at: Date, timeZone: string): string {
  const w = wallClock(at.getTime(), timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/**
 * The first instant of a calendar day in a time zone. Where the day starts inside a DST gap (clocks
 * jump from 00:00 to 01:00), it is the first wall-clock time that exists that day.
 */
export function startOfDay(isoDate: string, timeZone: string): Date {
  const midnightUtc = Date.parse(`${isoDate}T00:00:00Z`);
  let guess = midnightUtc - offsetAt(midnightUtc, timeZone);
  guess = midnightUtc - offsetAt(guess, timeZone);
  // If the guess lands on the previous day (a gap swallowed midnight), step forward to the new day.
  if (dateInZone(new Date(guess), timeZone) < isoDate) {
    const later = midnightUtc - offsetAt(guess + DAY_MS / 2, timeZone);
    guess = Math.max(guess, later);
    while (dateInZone(new Date(guess), timeZone) < isoDate) guess += 15 * 60_000;
  }
  return new Date(guess);
}

/**
 * A deadline date means "until the end of that day in the venue's time zone": it closes at the
 * first instant of the following day there. Open while now < this instant.
 */
const closings = new Map<string, number>();
export function deadlineClosesAt(isoDate: string, timeZone: string): Date {
  const key = `${isoDate} ${timeZone}`;
  let at = closings.get(key);
  if (at === undefined) {
    at = startOfDay(addDays(isoDate, 1), timeZone).getTime();
    if (closings.size > 10_000) closings.clear();
    closings.set(key, at);
  }
  return new Date(at);
}

/**
 * The instant a wall-clock time ("09:30") on a calendar day is in a time zone, following the zone's rules on that
 * day (summer or winter time). A time the clocks skip (in a spring-forward gap) is read with the offset before it.
 */
export function zonedInstant(isoDate: string, clock: string, timeZone: string): Date {
  const asUtc = Date.parse(`${isoDate}T${clock}:00Z`);
  const first = asUtc - offsetAt(asUtc, timeZone);
  return new Date(asUtc - offsetAt(first, timeZone));
}
