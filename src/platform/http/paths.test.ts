import { describe, expect, it } from 'vitest';
import { path } from './paths.ts';

describe('typed paths', () => {
  const registration = path('/registrations/:id');
  const document = path('/meetings/:meetingId/documents/:number');
  const list = path('/console/visas');

  it('keeps the pattern for the route and fills it for links', () => {
    expect(registration.pattern).toBe('/registrations/:id');
    expect(registration({ id: 12 })).toBe('/registrations/12');
    expect(document({ meetingId: 3, number: 'FGMV-I-001' })).toBe('/meetings/3/documents/FGMV-I-001');
    expect(list()).toBe('/console/visas');
  });

  it('encodes parameters and adds a query, leaving out empty values', () => {
    expect(document({ meetingId: 3, number: 'a/b c' })).toBe('/meetings/3/documents/a%2Fb%20c');
    expect(list({}, { meeting: 4, status: '', q: undefined })).toBe('/console/visas?meeting=4');
    expect(registration({ id: 1 }, { notice: 'saved' })).toBe('/registrations/1?notice=saved');
  });

  it('names every parameter the route needs, and nothing else (tsc checks)', () => {
    // @ts-expect-error: the id is missing
    expect(registration({})).toBe('/registrations/undefined');
    // @ts-expect-error: no such parameter
    expect(registration({ id: 1, other: 2 })).toBe('/registrations/1');
  });
});
