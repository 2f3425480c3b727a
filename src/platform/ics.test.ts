import { describe, expect, it } from 'vitest';
import { calendar, foldLine } from './ics.ts';

describe('ics', () => {
  it('folds at 75 octets without splitting multi-byte characters', () => {
    const line = `SUMMARY:${'元宇宙焦点组第5工作组会议'.repeat(6)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(1);
    for (const p of physical) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(75);
    expect(physical.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
  });

  it('writes all-day events with an exclusive end and escaped text', () => {
    const ics = calendar({
      name: 'FG-MV',
      now: new Date('2023-04-06T10:00:00Z'),
      events: [{ uid: 'a@x', startDate: '2023-05-09', endDate: '2023-05-10', summary: 'WG5; Geneva, ITU' }],
    });
    expect(ics).toContain('DTSTART;VALUE=DATE:20230509\r\n');
    expect(ics).toContain('DTEND;VALUE=DATE:20230511\r\n');
    expect(ics).toContain('SUMMARY:WG5\\; Geneva\\, ITU\r\n');
    expect(ics).toContain('DTSTAMP:20230406T100000Z');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});
