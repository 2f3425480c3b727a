import { describe, expect, it } from 'vitest';
import { addDays, dateInZone, daysBetween, deadlineClosesAt, isIsoDate, isTimeZone, startOfDay, zonedInstant } from './time.ts';

describe('deadlineClosesAt: end of the day in the venue time zone', () => {
  it.each([
    // date, zone, closing instant (UTC)
    ['2023-04-21', 'Europe/Zurich', '2023-04-21T22:00:00.000Z'], // CEST, UTC+2
    ['2023-01-10', 'Europe/Zurich', '2023-01-10T23:00:00.000Z'], // CET, UTC+1
    ['2023-03-25', 'Europe/Zurich', '2023-03-25T23:00:00.000Z'], // last CET day: next day starts before the switch
    ['2023-03-26', 'Europe/Zurich', '2023-03-26T22:00:00.000Z'], // spring-forward day
    ['2023-10-28', 'Europe/Zurich', '2023-10-28T22:00:00.000Z'], // day before fall-back
    ['2023-10-29', 'Europe/Zurich', '2023-10-29T23:00:00.000Z'], // fall-back day is 25 hours long
    ['2023-09-02', 'America/Santiago', '2023-09-03T04:00:00.000Z'], // midnight skipped: next day starts 01:00
    ['2023-04-21', 'Asia/Kolkata', '2023-04-21T18:30:00.000Z'],
    ['2023-04-21', 'Pacific/Kiritimati', '2023-04-21T10:00:00.000Z'],
    ['2023-04-21', 'America/Los_Angeles', '2023-04-22T07:00:00.000Z'],
    ['2023-04-21', 'UTC', '2023-04-22T00:00:00.000Z'],
  ])('%s in %s closes at %s', (date, zone, expected) => {
    expect(deadlineClosesAt(date, zone).toISOString()).toBe(expected);
  });

  it('start of a day is the previous day’s close', () => {
    expect(startOfDay('2023-04-22', 'Europe/Zurich')).toEqual(deadlineClosesAt('2023-04-21', 'Europe/Zurich'));
  });
});

describe('calendar helpers', () => {
  it.each([
    ['2023-05-09', -25, '2023-04-14'],
    ['2023-05-09', -18, '2023-04-21'],
    ['2023-05-09', -7, '2023-05-02'],
    ['2024-03-01', -1, '2024-02-29'],
  ])('addDays(%s, %i) = %s', (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected);
    expect(daysBetween(expected, d)).toBe(-n);
  });

  it.each([
    ['2023-02-29', false],
    ['2024-02-29', true],
    ['2023-4-1', false],
    ['2023-13-01', false],
    ['', false],
    ['2023-05-09', true],
  ])('isIsoDate(%j) = %s', (value, ok) => {
    expect(isIsoDate(value)).toBe(ok);
  });

  it('knows IANA time zones', () => {
    expect(isTimeZone('Europe/Zurich')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('dateInZone gives the local calendar date', () => {
    expect(dateInZone(new Date('2023-04-21T22:30:00Z'), 'Europe/Zurich')).toBe('2023-04-22');
    expect(dateInZone(new Date('2023-04-21T22:30:00Z'), 'UTC')).toBe('2023-04-21');
  });
});

describe('zonedInstant: a wall-clock time on a day in a zone', () => {
  it('follows the zone’s offset on that day, summer or winter', () => {
    expect(zonedInstant('2023-05-09', '09:30', 'Europe/Zurich').toISOString()).toBe('2023-05-09T07:30:00.000Z');
    expect(zonedInstant('2023-12-04', '09:30', 'Europe/Zurich').toISOString()).toBe('2023-12-04T08:30:00.000Z');
    expect(zonedInstant('2023-11-20', '09:00', 'America/New_York').toISOString()).toBe('2023-11-20T14:00:00.000Z');
    expect(zonedInstant('2023-05-09', '23:30', 'Asia/Kolkata').toISOString()).toBe('2023-05-09T18:00:00.000Z');
  });

  it('on the days the clocks change, takes each side’s offset', () => {
    // Zurich moves from UTC+1 to UTC+2 at 02:00 on 26 March 2023, and back at 03:00 on 29 October.
    expect(zonedInstant('2023-03-26', '01:30', 'Europe/Zurich').toISOString()).toBe('2023-03-26T00:30:00.000Z');
    expect(zonedInstant('2023-03-26', '09:30', 'Europe/Zurich').toISOString()).toBe('2023-03-26T07:30:00.000Z');
    // 02:30 does not exist that day: read as UTC+1, the offset before the gap (03:30 summer time).
    expect(zonedInstant('2023-03-26', '02:30', 'Europe/Zurich').toISOString()).toBe('2023-03-26T01:30:00.000Z');
    expect(zonedInstant('2023-10-29', '09:30', 'Europe/Zurich').toISOString()).toBe('2023-10-29T08:30:00.000Z');
  });
});
