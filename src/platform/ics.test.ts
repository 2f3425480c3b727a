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

describe('timed events', () => {
  it('write their start and end in UTC instead of dates', () => {
    const ics = calendar({
      name: 'FG-MV',
      now: new Date('2023-04-06T10:00:00Z'),
      events: [
        {
          uid: 'a@x',
          startDate: '2023-05-09',
          endDate: '2023-05-09',
          at: { start: new Date('2023-05-09T07:30:00Z'), end: new Date('2023-05-09T10:30:00Z') },
          summary: 'WG5',
        },
      ],
    });
    expect(ics).toContain('DTSTART:20230509T073000Z\r\nDTEND:20230509T103000Z\r\n');
    expect(ics).not.toContain('VALUE=DATE');
  });
});

describe('ics text from stored data', () => {
  it('drops control characters and turns every line break into \\n, so a title with CR and BEL cannot break a content line', () => {
    const ics = calendar({
      name: 'FG\u0007-MV',
      now: new Date('2023-04-06T10:00:00Z'),
      events: [
        {
          uid: 'a@x\r\nX-EVIL:1',
          startDate: '2023-05-09',
          endDate: '2023-05-10',
          summary: 'WG5\rBEL\u0007 ESC\u001b[31m NUL\u0000 NEL\u0085 end',
          description: 'line 1\r\nline 2\nline 3\rline 4\ttabbed',
          location: 'Geneva\u0008',
          url: 'https://convene.test/meetings/1\r\nX-EVIL:2',
        },
      ],
    });
    expect(ics).toContain('SUMMARY:WG5\\nBEL ESC[31m NUL NEL end\r\n');
    expect(ics).toContain('DESCRIPTION:line 1\\nline 2\\nline 3\\nline 4\ttabbed\r\n');
    expect(ics).toContain('LOCATION:Geneva\r\n');
    expect(ics).toContain('X-WR-CALNAME:FG-MV\r\n');
    expect(ics).toContain('UID:a@xX-EVIL:1\r\n');
    expect(ics).toContain('URL:https://convene.test/meetings/1X-EVIL:2\r\n');
    // Every physical line ends in CR LF and holds no other control than a tab.
    const controls = (line: string) => [...line].filter((ch) => ch !== '\t' && (ch < ' ' || (ch >= '\u007f' && ch <= '\u009f')));
    for (const line of ics.split('\r\n')) expect(controls(line)).toEqual([]);
  });
});
