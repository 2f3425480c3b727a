import { describe, expect, it } from 'vitest';
import { redactSecretPaths, requestForLog } from './redact.ts';

describe('request logs', () => {
  it.each([
    ['/lists/confirm/AbC123-xyz', '/lists/confirm/[secret]'],
    ['/lists/unsubscribe/AbC123-xyz?x=1', '/lists/unsubscribe/[secret]?x=1'],
    ['/calendar/s3cr3t-token.ics', '/calendar/[secret].ics'],
    ['/meetings/1/circular?lang=zh', '/meetings/1/circular?lang=zh'],
    ['/groups/fg-mv/calendar.ics', '/groups/fg-mv/calendar.ics'],
    ['/account/reset?token=abc.def&x=1', '/account/reset?token=[secret]&x=1'],
    ['see https://x.test/lists/unsubscribe/Tok-123 now', 'see https://x.test/lists/unsubscribe/[secret] now'],
    ['<https://x.test/lists/unsubscribe/Tok-123>', '<https://x.test/lists/unsubscribe/[secret]>'],
  ])('%s → %s', (url, expected) => {
    expect(redactSecretPaths(url)).toBe(expected);
    expect(requestForLog({ method: 'GET', url }).url).toBe(expected);
  });
});
