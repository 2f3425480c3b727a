import { describe, expect, it } from 'vitest';
import {
  cleanMessageId,
  cleanSubject,
  type HeaderLine,
  isAutomaticMail,
  isSignaturePart,
  parseAuthenticationResults,
  replyHeaders,
  replyKind,
  senderIdentity,
} from './rules.ts';

const h = (name: string, value: string): HeaderLine => ({ name, value });

describe('isAutomaticMail', () => {
  const person = { envelopeFrom: 'li.wei@example.org', fromAddress: 'li.wei@example.org' };
  it.each([
    ['a bounce (null sender)', { ...person, envelopeFrom: '' }, [], true],
    ['Auto-Submitted: auto-replied', person, [h('Auto-Submitted', 'auto-replied')], true],
    ['Auto-Submitted: auto-generated', person, [h('auto-submitted', 'Auto-Generated; owner-email="x@y"')], true],
    ['Auto-Submitted: no', person, [h('Auto-Submitted', 'no')], false],
    ['Precedence: bulk', person, [h('Precedence', 'bulk')], true],
    ['Precedence: list', person, [h('Precedence', 'list')], true],
    ['Precedence: junk', person, [h('Precedence', 'junk')], true],
    ['Precedence: first-class', person, [h('Precedence', 'first-class')], false],
    ['List-Id', person, [h('List-Id', 'FG-MV <fg-mv.lists.example>')], true],
    ['List-Unsubscribe', person, [h('List-Unsubscribe', '<https://x.example/u>')], true],
    ['X-Auto-Response-Suppress: All (Exchange out-of-office)', person, [h('X-Auto-Response-Suppress', 'All')], true],
    ['X-Autoreply', person, [h('X-Autoreply', 'yes')], true],
    ['MAILER-DAEMON', { envelopeFrom: 'MAILER-DAEMON@mx.example', fromAddress: 'MAILER-DAEMON@mx.example' }, [], true],
    ['a list owner', { envelopeFrom: 'owner-fgmv@lists.example', fromAddress: 'chair@example.org' }, [], true],
    ['a -request address', { envelopeFrom: 'fgmv-request@lists.example', fromAddress: 'fgmv-request@lists.example' }, [], true],
    ['a person, plain headers', person, [h('Subject', 'Re: bulk'), h('X-Mailer', 'Outlook')], false],
  ] as const)('%s → %s', (_what, addresses, headers, expected) => {
    expect(isAutomaticMail({ ...addresses, headers: [...headers] })).toBe(expected);
  });
});

describe('parseAuthenticationResults', () => {
  it('reads the authserv-id and each result with its properties, ignoring comments', () => {
    expect(
      parseAuthenticationResults(
        'Relay.Example.ORG 1; spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=example.com;\r\n dkim=pass header.d=example.com header.s=s1; dmarc=pass (p=REJECT sp=NONE) header.from=Example.com',
      ),
    ).toEqual({
      authservId: 'relay.example.org',
      results: [
        { method: 'spf', result: 'pass', properties: { 'smtp.mailfrom': 'example.com' } },
        { method: 'dkim', result: 'pass', properties: { 'header.d': 'example.com', 'header.s': 's1' } },
        { method: 'dmarc', result: 'pass', properties: { 'header.from': 'Example.com' } },
      ],
    });
  });
  it.each([
    ['relay.example.org; none', { authservId: 'relay.example.org', results: [] }],
    [
      'relay.example.org; dmarc=fail (p=none) header.from=x.example',
      { authservId: 'relay.example.org', results: [{ method: 'dmarc', result: 'fail', properties: { 'header.from': 'x.example' } }] },
    ],
    ['(comment only)', null],
    ['', null],
  ])('%j', (value, expected) => {
    expect(parseAuthenticationResults(value)).toEqual(expected);
  });
});

describe('senderIdentity', () => {
  const relay = ['relay.example.org'];
  const dmarcPass = h('Authentication-Results', 'relay.example.org; dmarc=pass header.from=example.com');
  const dmarcFail = h('Authentication-Results', 'relay.example.org; dmarc=fail header.from=example.com');
  const forgedPass = h('Authentication-Results', 'relay.example.org; dmarc=pass header.from=example.com');
  const other = h('Authentication-Results', 'mx.elsewhere.example; dmarc=pass header.from=example.com');
  it.each([
    [
      'no relay: envelope and From agree',
      'Alice@Example.com',
      ['alice@example.com'],
      [],
      [],
      { address: 'alice@example.com', check: 'aligned' },
    ],
    [
      'no relay: they differ',
      'bounces+77@esp.example',
      ['alice@example.com'],
      [],
      [],
      { address: 'alice@example.com', check: 'unverified' },
    ],
    ['no relay: null envelope', '', ['alice@example.com'], [], [], { address: 'alice@example.com', check: 'unverified' }],
    ['no From', 'alice@example.com', [], [], [], { address: '', check: 'unverified' }],
    ['two From addresses', 'alice@example.com', ['alice@example.com', 'bob@example.com'], [], [], { address: '', check: 'unverified' }],
    [
      'relay says DMARC passed',
      'bounces+77@esp.example',
      ['alice@example.com'],
      [dmarcPass],
      relay,
      { address: 'alice@example.com', check: 'dmarc' },
    ],
    [
      'relay says DMARC failed, envelope agrees',
      'alice@example.com',
      ['alice@example.com'],
      [dmarcFail],
      relay,
      { address: 'alice@example.com', check: 'unverified' },
    ],
    // The relay adds its header on top; one below it, with the relay's name, was written by the sender.
    [
      'a forged pass below the relay’s fail',
      'alice@example.com',
      ['alice@example.com'],
      [dmarcFail, forgedPass],
      relay,
      { address: 'alice@example.com', check: 'unverified' },
    ],
    [
      'another server’s pass does not count',
      'alice@example.com',
      ['alice@example.com'],
      [other],
      relay,
      { address: 'alice@example.com', check: 'unverified' },
    ],
    [
      'no header from the relay at all (mail not through it)',
      'alice@example.com',
      ['alice@example.com'],
      [],
      relay,
      { address: 'alice@example.com', check: 'unverified' },
    ],
    [
      'pass for another domain',
      'alice@example.com',
      ['alice@example.com'],
      [h('Authentication-Results', 'relay.example.org; dmarc=pass header.from=evil.example')],
      relay,
      { address: 'alice@example.com', check: 'unverified' },
    ],
    [
      'pass without header.from',
      'alice@example.com',
      ['alice@example.com'],
      [h('Authentication-Results', 'relay.example.org; dmarc=pass')],
      relay,
      { address: 'alice@example.com', check: 'unverified' },
    ],
    [
      'the relay’s topmost header after another server’s',
      'x@y.example',
      ['alice@example.com'],
      [other, dmarcPass, dmarcFail],
      relay,
      { address: 'alice@example.com', check: 'dmarc' },
    ],
  ] as const)('%s', (_what, envelopeFrom, fromAddresses, headers, trustedAuthservIds, expected) => {
    expect(
      senderIdentity({
        envelopeFrom,
        fromAddresses: [...fromAddresses],
        headers: [...headers],
        trustedAuthservIds: [...trustedAuthservIds],
      }),
    ).toEqual(expected);
  });
});

describe('replyKind', () => {
  it.each([
    ['aligned', true, false, 'full'],
    ['dmarc', true, false, 'full'],
    ['aligned', false, false, 'neutral'],
    ['dmarc', false, false, 'neutral'],
    ['unverified', true, false, 'none'],
    ['unverified', false, false, 'none'],
    ['aligned', true, true, 'none'],
    ['dmarc', false, true, 'none'],
  ] as const)('%s sender, account %s, automatic %s → %s', (check, account, automatic, expected) => {
    expect(replyKind({ check, account }, automatic)).toBe(expected);
  });
});

describe('cleanSubject', () => {
  it.each([
    ['Re: Avatar interoperability', 'Avatar interoperability'],
    ['RE: Fwd: FW: [WG5] Avatars', '[WG5] Avatars'],
    ['Re[2]: Avatars', 'Avatars'],
    ['AW: WG: Haptik', 'Haptik'],
    ['SV: VS: Haptics', 'Haptics'],
    ['RV: Háptica', 'Háptica'],
    ['回复：触觉反馈', '触觉反馈'],
    ['转发: 触觉反馈', '触觉反馈'],
    ['Ответ: Тактильная обратная связь', 'Тактильная обратная связь'],
    ['رد: التغذية الراجعة اللمسية', 'التغذية الراجعة اللمسية'],
    ['[Fwd: Haptics]', 'Haptics'],
    ['  Re:   spaced   out  ', 'spaced out'],
    ['Report: haptics', 'Report: haptics'],
    ['Review of avatars', 'Review of avatars'],
    ['TR: Technical report on avatars', 'TR: Technical report on avatars'],
    ['Re:', ''],
  ])('%j → %j', (subject, expected) => {
    expect(cleanSubject(subject)).toBe(expected);
  });
});

describe('isSignaturePart', () => {
  it.each([
    ['application/pkcs7-signature', true],
    ['application/x-pkcs7-signature; name=smime.p7s', true],
    ['Application/PGP-Signature', true],
    ['application/pdf', false],
    ['application/pkcs7-mime', false],
    [undefined, false],
  ])('%s → %s', (type, expected) => {
    expect(isSignaturePart(type)).toBe(expected);
  });
});

describe('replyHeaders', () => {
  it('marks the reply automatic and threads it under the mail', () => {
    expect(replyHeaders({ messageId: '<m1@example.org>', references: ['<r0@example.org>', 'garbage', '<m1@example.org>'] })).toEqual({
      'Auto-Submitted': 'auto-replied',
      'X-Auto-Response-Suppress': 'All',
      'In-Reply-To': '<m1@example.org>',
      References: '<r0@example.org> <m1@example.org>',
    });
  });
  it('keeps at most ten references, the newest', () => {
    const references = Array.from({ length: 30 }, (_, i) => `<r${i}@example.org>`);
    const headers = replyHeaders({ messageId: '<m@example.org>', references });
    expect(headers.References!.split(' ')).toEqual([...references.slice(-9), '<m@example.org>']);
  });
  it('leaves threading out when the Message-ID is unusable, never the Auto-Submitted mark', () => {
    for (const messageId of [
      '',
      'no-brackets@example.org',
      '<with space@example.org>',
      '<a@b>\r\nBcc: x@y',
      `<${'x'.repeat(300)}@example.org>`,
    ]) {
      expect(replyHeaders({ messageId, references: [] })).toEqual({ 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' });
    }
    expect(cleanMessageId(' <ok@example.org> ')).toBe('<ok@example.org>');
  });
});
