import { describe, expect, it } from 'vitest';
import { isHttpsUrl, mayViewRemoteDetails, offersRemote, type RemoteViewer, remoteEntitlement } from './rules.ts';

const nobody: RemoteViewer = { secretariat: false, officer: false, registration: null };
const reg = (status: string, mode: string, sessions = ['WG5']): RemoteViewer => ({ ...nobody, registration: { status, mode, sessions } });

describe('who may see remote-participation details', () => {
  it.each([
    // meeting mode, viewer, may see
    ['hybrid', nobody, false],
    ['virtual', nobody, false],
    ['hybrid', { ...nobody, secretariat: true }, true],
    ['in-person', { ...nobody, secretariat: true }, true],
    ['virtual', { ...nobody, secretariat: true }, true],
    ['hybrid', { ...nobody, officer: true }, true],
    ['virtual', { ...nobody, officer: true }, true],
    ['in-person', { ...nobody, officer: true }, false],
    ['hybrid', reg('registered', 'remote'), true],
    ['hybrid', reg('registered', 'in-person'), true],
    ['hybrid', reg('waitlisted', 'in-person'), false],
    ['hybrid', reg('waitlisted', 'remote'), false],
    ['hybrid', reg('cancelled', 'remote'), false],
    ['hybrid', reg('cancelled', 'in-person'), false],
    ['virtual', reg('registered', 'remote'), true],
    ['virtual', reg('cancelled', 'remote'), false],
    // Left over from a mode change: at a virtual meeting everyone joins remotely.
    ['virtual', reg('registered', 'in-person'), true],
    // In person only: nothing to show to participants.
    ['in-person', reg('registered', 'in-person'), false],
    ['in-person', reg('registered', 'remote'), false],
    ['hybrid', reg('registered', 'something-else'), false],
  ] as const)('%s meeting, %j → %s', (mode, viewer, expected) => {
    expect(mayViewRemoteDetails(mode, viewer)).toBe(expected);
  });

  it('gives staff every block and a participant the sessions they registered for', () => {
    expect(remoteEntitlement('hybrid', { ...nobody, secretariat: true })).toEqual({ kind: 'all' });
    expect(
      remoteEntitlement('hybrid', { ...nobody, officer: true, registration: { status: 'cancelled', mode: 'remote', sessions: [] } }),
    ).toEqual({ kind: 'all' });
    expect(remoteEntitlement('hybrid', reg('registered', 'remote', ['WG5', 'WG6']))).toEqual({
      kind: 'sessions',
      subgroups: ['WG5', 'WG6'],
    });
  });

  it.each([
    ['in-person', false],
    ['hybrid', true],
    ['virtual', true],
  ])('a %s meeting offers remote participation: %s', (mode, expected) => {
    expect(offersRemote(mode)).toBe(expected);
  });
});

describe('meeting links', () => {
  it.each([
    ['https://zoom.us/j/123456789?pwd=abc', true],
    ['https://itu.zoom.us/j/1', true],
    ['http://zoom.us/j/1', false],
    ['javascript:alert(1)', false],
    ['https://user:pw@zoom.us/j/1', false],
    ['https://zoom.us/j/1 2', false],
    ['zoom.us/j/1', false],
    ['', false],
    [`https://x.org/${'a'.repeat(2000)}`, false],
  ])('%s → %s', (value, expected) => {
    expect(isHttpsUrl(value)).toBe(expected);
  });
});
