import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoChair, demoSecretariat } from '../demo/fg-mv.ts';
import { seedDemo } from '../demo/seed.ts';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { findActorByEmail } from '../src/modules/accounts/queries.ts';
import { problemCodes, problemTypes } from '../src/platform/http/problem-types.ts';
import { visaJson } from './support/fixtures.ts';
import { BOUNDARY, multipart, PDF } from './support/fuzz.ts';
import { type Harness, makeUser, startHarness } from './support/harness.ts';
import { type ApiDocument, type Operation, undeclared } from './support/openapi.ts';

/**
 * The OpenAPI document tells the truth: every operation it lists is called for real — a success and an
 * error at least, anonymously where it needs a token — and each answer must be one the document declares
 * for it (status, media type, and the body valid against the declared schema); a problem's `type` must
 * be the page under BASE_URL that explains it, and that page must answer. The inverse — an answer the
 * document does not declare — fails here, in the fuzz test, and in every test that uses the harness.
 */
type Who = 'secretariat' | 'delegate' | 'other' | 'anonymous' | 'leaving' | 'focal';
interface Call {
  op: string;
  as: Who;
  expect: number;
  params?: Record<string, string | number>;
  query?: string;
  json?: unknown;
  raw?: { type: string; payload: string | Buffer };
}

const repo = path.resolve(import.meta.dirname, '..');
const base = 'https://convene.test';

describe('the OpenAPI document tells the truth', () => {
  let h: Harness;
  let doc: ApiDocument;
  const tokens: Partial<Record<Who, string>> = {};
  const ops = new Map<string, { method: string; path: string; op: Operation }>();
  const ids: Record<string, number | string> = {};
  const called: (Call & { status: number; problems: string[] })[] = [];
  const problemTypesSeen = new Set<string>();
  let leavingPassword = '';

  async function call(c: Call) {
    const target = ops.get(c.op);
    if (!target) throw new Error(`no operation ${c.op} in the document`);
    const url = target.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(c.params?.[name] ?? ids[name] ?? '')));
    const headers: Record<string, string> = {};
    if (c.as !== 'anonymous') headers.authorization = `Bearer ${tokens[c.as]}`;
    let payload: string | Buffer | undefined;
    if (c.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(c.json);
    } else if (c.raw) {
      headers['content-type'] = c.raw.type;
      payload = c.raw.payload;
    }
    const res = await h.app.inject({ method: target.method as 'GET', url: c.query ? `${url}?${c.query}` : url, headers, payload });
    const contentType = String(res.headers['content-type'] ?? '');
    const problems = undeclared(doc, {
      method: target.method,
      routeUrl: target.path.replace(/\{(\w+)\}/g, ':$1'),
      status: res.statusCode,
      contentType,
      body: res.body,
    });
    if (res.statusCode >= 400) {
      const problem = res.json() as { type: string; code: string };
      problemTypesSeen.add(problem.code);
      if (problem.type !== `${base}/problems/${problem.code}`)
        problems.push(`${c.op}: type ${problem.type} is not the page of ${problem.code}`);
    }
    called.push({ ...c, status: res.statusCode, problems });
    return res;
  }
  /** Calls in order; each must answer `expect` and be declared. */
  async function run(calls: Call[]) {
    for (const c of calls) {
      const res = await call(c);
      expect(called.at(-1)!.problems, `${c.op} as ${c.as}`).toEqual([]);
      expect(res.statusCode, `${c.op} as ${c.as}: ${res.body.slice(0, 300)}`).toBe(c.expect);
    }
  }

  beforeAll(async () => {
    h = await startHarness('pglite', '2023-04-06T08:00:00Z');
    await seedDemo(h.ctx);
    tokens.secretariat = await createApiToken(h.ctx, (await findActorByEmail(h.ctx, demoSecretariat.email))!);
    // The demo's chair is ETRI's focal point.
    tokens.focal = await createApiToken(h.ctx, (await findActorByEmail(h.ctx, demoChair.email))!);
    const delegate = await makeUser(h.ctx, { category: 'member-state' });
    tokens.delegate = await createApiToken(h.ctx, delegate);
    tokens.other = await createApiToken(h.ctx, await makeUser(h.ctx, { category: 'member-state' }));
    const leaving = await makeUser(h.ctx);
    leavingPassword = leaving.password;
    tokens.leaving = await createApiToken(h.ctx, leaving);
    const res = await h.app.inject({ url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    doc = res.json();
    for (const [p, byMethod] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(byMethod)) ops.set(op.operationId!, { method: method.toUpperCase(), path: p, op });
    const meeting = (await h.app.inject({ url: '/api/meetings/1' })).json();
    ids.sessionId = meeting.sessions[0].id;
  }, 120_000);
  afterAll(() => h?.close());

  it('answers every operation, successfully and in error, only as the document declares', async () => {
    const group = {
      code: 'FG-TRUTH',
      name: { en: 'Focus Group on Truth', zh: '真相焦点组' },
      bureau: 'TSB',
      deadlineRules: { visaSupportDays: 30, registrationDays: 14, contributionsDays: 7 },
    };
    const meetingBody = {
      title: { en: 'First meeting' },
      venue: { city: 'Geneva', country: 'CH', timeZone: 'Europe/Zurich' },
      mode: 'hybrid',
      sessions: [{ subgroup: 'WG9', startDate: '2023-09-11', endDate: '2023-09-12' }],
    };
    await run([
      // Accounts.
      { op: 'getMe', as: 'delegate', expect: 200 },
      { op: 'getMe', as: 'anonymous', expect: 401 },
      { op: 'exportMyData', as: 'delegate', expect: 200 },
      { op: 'exportMyData', as: 'anonymous', expect: 401 },
      // Groups and bureaus.
      { op: 'listBureaus', as: 'anonymous', expect: 200 },
      { op: 'listBureaus', as: 'anonymous', query: 'x=%E0%A4%A', expect: 400 },
      { op: 'saveBureau', as: 'secretariat', params: { code: 'TSB' }, json: { nextCircularNumber: 120 }, expect: 200 },
      { op: 'saveBureau', as: 'delegate', params: { code: 'TSB' }, json: { nextCircularNumber: 121 }, expect: 403 },
      { op: 'saveBureau', as: 'anonymous', params: { code: 'TSB' }, json: { nextCircularNumber: 121 }, expect: 401 },
      { op: 'listGroups', as: 'anonymous', expect: 200 },
      { op: 'listGroups', as: 'anonymous', query: 'q=a%00b', expect: 400 },
      { op: 'createGroup', as: 'secretariat', json: group, expect: 201 },
      { op: 'createGroup', as: 'secretariat', json: group, expect: 409 },
      { op: 'createGroup', as: 'secretariat', raw: { type: 'application/xml', payload: '<group/>' }, expect: 415 },
      { op: 'createGroup', as: 'anonymous', json: group, expect: 401 },
      { op: 'getGroup', as: 'anonymous', params: { code: 'fg-truth' }, expect: 200 },
      { op: 'getGroup', as: 'anonymous', params: { code: 'no-such-group' }, expect: 404 },
      { op: 'updateGroup', as: 'secretariat', params: { code: 'fg-truth' }, json: { mandate: { en: 'To find out.' } }, expect: 200 },
      { op: 'updateGroup', as: 'delegate', params: { code: 'fg-truth' }, json: { mandate: { en: 'No.' } }, expect: 403 },
      { op: 'updateGroup', as: 'anonymous', params: { code: 'fg-truth' }, json: { mandate: { en: 'No.' } }, expect: 401 },
      {
        op: 'addSubgroup',
        as: 'secretariat',
        params: { code: 'fg-truth' },
        json: { kind: 'WG', number: 9, title: { en: 'Evidence' } },
        expect: 201,
      },
      {
        op: 'addSubgroup',
        as: 'secretariat',
        params: { code: 'fg-truth' },
        json: { kind: 'WG', number: 9, title: { en: 'Again' } },
        expect: 409,
      },
      {
        op: 'addSubgroup',
        as: 'anonymous',
        params: { code: 'fg-truth' },
        json: { kind: 'WG', number: 8, title: { en: 'X' } },
        expect: 401,
      },
      { op: 'addSubgroup', as: 'secretariat', params: { code: 'fg-truth' }, json: { kind: 'XX', title: { en: 'Odd' } }, expect: 422 },
      { op: 'addSubgroup', as: 'secretariat', params: { code: 'fg-truth' }, json: { kind: 'TG', title: { en: 'Doomed' } }, expect: 201 },
      { op: 'addOfficer', as: 'secretariat', params: { code: 'fg-truth' }, json: { role: 'chair', name: 'Ada Lovelace' }, expect: 201 },
      { op: 'addOfficer', as: 'secretariat', params: { code: 'fg-truth' }, json: { role: 'king', name: 'Ada Lovelace' }, expect: 422 },
      { op: 'addOfficer', as: 'anonymous', params: { code: 'fg-truth' }, json: { role: 'chair', name: 'Ada' }, expect: 401 },
    ]);
    const truth = (await h.app.inject({ url: '/api/groups/fg-truth' })).json();
    ids.id = truth.subgroups.find((s: { kind: string }) => s.kind === 'TG').id;
    await run([
      { op: 'deleteSubgroup', as: 'anonymous', params: { code: 'fg-truth' }, expect: 401 },
      { op: 'deleteSubgroup', as: 'secretariat', params: { code: 'fg-truth' }, expect: 204 },
      { op: 'deleteSubgroup', as: 'secretariat', params: { code: 'fg-truth' }, expect: 404 },
      { op: 'deleteOfficer', as: 'anonymous', params: { code: 'fg-truth', id: truth.officers[0].id }, expect: 401 },
      { op: 'deleteOfficer', as: 'secretariat', params: { code: 'fg-truth', id: truth.officers[0].id }, expect: 204 },
      { op: 'deleteOfficer', as: 'secretariat', params: { code: 'fg-truth', id: truth.officers[0].id }, expect: 404 },
      // Meetings.
      { op: 'listGroupMeetings', as: 'anonymous', params: { code: 'fg-mv' }, expect: 200 },
      { op: 'listGroupMeetings', as: 'anonymous', params: { code: 'no-such-group' }, expect: 404 },
      { op: 'createMeeting', as: 'secretariat', params: { code: 'fg-truth' }, json: meetingBody, expect: 201 },
      { op: 'createMeeting', as: 'secretariat', params: { code: 'fg-truth' }, json: { ...meetingBody, mode: 'telepathy' }, expect: 422 },
      { op: 'createMeeting', as: 'anonymous', params: { code: 'fg-truth' }, json: meetingBody, expect: 401 },
      { op: 'getMeeting', as: 'anonymous', params: { id: 1 }, expect: 200 },
      { op: 'getMeeting', as: 'anonymous', params: { id: 999_999 }, expect: 404 },
      { op: 'updateMeeting', as: 'secretariat', params: { id: 1 }, json: { practicalInfo: { en: 'Bring a badge.' } }, expect: 200 },
      { op: 'updateMeeting', as: 'delegate', params: { id: 1 }, json: { practicalInfo: { en: 'No.' } }, expect: 403 },
      { op: 'updateMeeting', as: 'anonymous', params: { id: 1 }, json: { practicalInfo: { en: 'No.' } }, expect: 401 },
      { op: 'getRemoteAccess', as: 'secretariat', params: { id: 1 }, expect: 200 },
      { op: 'getRemoteAccess', as: 'other', params: { id: 1 }, expect: 403 },
      { op: 'getRemoteAccess', as: 'anonymous', params: { id: 1 }, expect: 401 },
      { op: 'saveRemoteAccess', as: 'secretariat', params: { id: 1 }, json: { daysBefore: 3 }, expect: 200 },
      { op: 'saveRemoteAccess', as: 'secretariat', params: { id: 1 }, json: { daysBefore: 99 }, expect: 422 },
      { op: 'saveRemoteAccess', as: 'anonymous', params: { id: 1 }, json: { daysBefore: 3 }, expect: 401 },
      // Registrations.
      {
        op: 'register',
        as: 'delegate',
        params: { id: 1 },
        json: { mode: 'in-person', sessions: ['WG5'], visaRequest: visaJson },
        expect: 201,
      },
      { op: 'register', as: 'delegate', params: { id: 1 }, json: { mode: 'in-person', sessions: ['WG5'] }, expect: 409 },
      { op: 'register', as: 'anonymous', params: { id: 1 }, json: { mode: 'in-person', sessions: ['WG5'] }, expect: 401 },
      { op: 'register', as: 'other', params: { id: 1 }, json: { mode: 'in-person', sessions: ['WG5'] }, expect: 201 },
      { op: 'listMyRegistrations', as: 'delegate', expect: 200 },
      { op: 'listMyRegistrations', as: 'anonymous', expect: 401 },
      { op: 'listMeetingRegistrations', as: 'secretariat', params: { id: 1 }, query: 'status=registered', expect: 200 },
      { op: 'listMeetingRegistrations', as: 'delegate', params: { id: 1 }, expect: 403 },
      { op: 'listMeetingRegistrations', as: 'anonymous', params: { id: 1 }, expect: 401 },
      { op: 'getRegistrationStats', as: 'secretariat', params: { id: 1 }, expect: 200 },
      { op: 'getRegistrationStats', as: 'delegate', params: { id: 1 }, expect: 403 },
      { op: 'getRegistrationStats', as: 'anonymous', params: { id: 1 }, expect: 401 },
    ]);
    const mine = (await h.app.inject({ url: '/api/me/registrations', headers: { authorization: `Bearer ${tokens.delegate}` } })).json();
    const others = (await h.app.inject({ url: '/api/me/registrations', headers: { authorization: `Bearer ${tokens.other}` } })).json();
    ids.id = mine[0].id;
    await run([
      { op: 'listApprovals', as: 'secretariat', query: 'meeting=1', expect: 200 },
      { op: 'listApprovals', as: 'delegate', expect: 403 },
      { op: 'listApprovals', as: 'anonymous', expect: 401 },
      // Approving what never waited changes nothing (a repeated decision); declining it is refused.
      { op: 'decideApprovals', as: 'secretariat', json: { registrationIds: [mine[0].id], decision: 'approve' }, expect: 200 },
      { op: 'decideApprovals', as: 'secretariat', json: { registrationIds: [mine[0].id], decision: 'decline', reason: 'No' }, expect: 409 },
      { op: 'decideApprovals', as: 'secretariat', json: { registrationIds: [mine[0].id], decision: 'decline' }, expect: 422 },
      { op: 'decideApprovals', as: 'secretariat', json: { registrationIds: [999_999], decision: 'approve' }, expect: 404 },
      { op: 'decideApprovals', as: 'delegate', json: { registrationIds: [mine[0].id], decision: 'approve' }, expect: 403 },
      { op: 'decideApprovals', as: 'anonymous', json: { registrationIds: [mine[0].id], decision: 'approve' }, expect: 401 },
      {
        op: 'registerDelegate',
        as: 'focal',
        params: { id: 1 },
        json: {
          email: 'invited@truth.example',
          givenName: 'In',
          familyName: 'Vited',
          country: 'KR',
          category: 'sector-member',
          mode: 'remote',
          sessions: ['WG5'],
        },
        expect: 201,
      },
      {
        op: 'registerDelegate',
        as: 'focal',
        params: { id: 1 },
        json: { email: 'nameless@truth.example', mode: 'remote', sessions: ['WG5'] },
        expect: 422,
      },
      {
        op: 'registerDelegate',
        as: 'delegate',
        params: { id: 1 },
        json: { email: 'x@truth.example', mode: 'remote', sessions: ['WG5'] },
        expect: 403,
      },
      {
        op: 'registerDelegate',
        as: 'anonymous',
        params: { id: 1 },
        json: { email: 'x@truth.example', mode: 'remote', sessions: ['WG5'] },
        expect: 401,
      },
      { op: 'listQuotas', as: 'secretariat', params: { id: 1 }, expect: 200 },
      { op: 'listQuotas', as: 'secretariat', params: { id: 999_999 }, expect: 404 },
      { op: 'listQuotas', as: 'delegate', params: { id: 1 }, expect: 403 },
      { op: 'listQuotas', as: 'anonymous', params: { id: 1 }, expect: 401 },
    ]);
    await run([
      { op: 'getRegistration', as: 'delegate', expect: 200 },
      { op: 'getRegistration', as: 'other', expect: 404 },
      { op: 'getRegistration', as: 'anonymous', expect: 401 },
      { op: 'changeRegistration', as: 'delegate', json: { sessions: ['WG5'] }, expect: 200 },
      { op: 'changeRegistration', as: 'delegate', json: { mode: 'teleport' }, expect: 422 },
      { op: 'changeRegistration', as: 'anonymous', json: { sessions: ['WG5'] }, expect: 401 },
      { op: 'requestVisaSupport', as: 'delegate', json: visaJson, expect: 409 },
      { op: 'requestVisaSupport', as: 'other', params: { id: others[0].id }, json: { ...visaJson, sex: 'Q' }, expect: 422 },
      { op: 'requestVisaSupport', as: 'other', params: { id: others[0].id }, json: visaJson, expect: 201 },
      { op: 'requestVisaSupport', as: 'anonymous', json: visaJson, expect: 401 },
    ]);
    const queue = (
      await h.app.inject({ url: '/api/visa-requests?meetingId=1', headers: { authorization: `Bearer ${tokens.secretariat}` } })
    ).json();
    const visaOf = (registrationId: number) => queue.find((v: { registrationId: number }) => v.registrationId === registrationId).id;
    await run([
      { op: 'listVisaRequests', as: 'secretariat', query: 'status=requested', expect: 200 },
      { op: 'listVisaRequests', as: 'delegate', expect: 403 },
      { op: 'listVisaRequests', as: 'anonymous', expect: 401 },
      { op: 'approveVisaRequest', as: 'anonymous', params: { id: visaOf(mine[0].id) }, expect: 401 },
      { op: 'approveVisaRequest', as: 'delegate', params: { id: visaOf(mine[0].id) }, expect: 403 },
      { op: 'approveVisaRequest', as: 'secretariat', params: { id: visaOf(mine[0].id) }, expect: 204 },
      { op: 'approveVisaRequest', as: 'secretariat', params: { id: visaOf(mine[0].id) }, expect: 409 },
      { op: 'rejectVisaRequest', as: 'anonymous', params: { id: visaOf(others[0].id) }, json: { reason: 'No' }, expect: 401 },
      {
        op: 'rejectVisaRequest',
        as: 'secretariat',
        params: { id: visaOf(others[0].id) },
        json: { reason: 'Too late for an appointment.' },
        expect: 204,
      },
      { op: 'rejectVisaRequest', as: 'secretariat', params: { id: visaOf(others[0].id) }, json: { reason: 'Again' }, expect: 409 },
      { op: 'cancelRegistration', as: 'anonymous', expect: 401 },
      { op: 'cancelRegistration', as: 'other', expect: 404 },
      { op: 'cancelRegistration', as: 'delegate', expect: 200 },
      // Documents.
      { op: 'listMeetingDocuments', as: 'anonymous', params: { id: 1 }, expect: 200 },
      { op: 'listMeetingDocuments', as: 'delegate', params: { id: 1 }, query: 'sort=date', expect: 200 },
      { op: 'listMeetingDocuments', as: 'anonymous', params: { id: 1 }, query: 'sort=colour', expect: 422 },
      {
        op: 'submitDocument',
        as: 'secretariat',
        params: { id: 1 },
        raw: {
          type: `multipart/form-data; boundary=${BOUNDARY}`,
          payload: multipart([
            { name: 'title', value: 'The truth about documents' },
            { name: 'sources', value: 'ETRI' },
            { name: 'workingGroups', value: 'WG5' },
            { name: 'contacts', value: JSON.stringify([{ name: 'Kim Min', organization: 'ETRI', email: 'kim@example.org' }]) },
            { name: 'file', value: PDF, filename: 'truth.pdf', type: 'application/pdf' },
          ]),
        },
        expect: 201,
      },
      { op: 'submitDocument', as: 'secretariat', params: { id: 1 }, json: { title: 'Not multipart' }, expect: 415 },
      {
        op: 'submitDocument',
        as: 'anonymous',
        params: { id: 1 },
        raw: { type: `multipart/form-data; boundary=${BOUNDARY}`, payload: multipart([]) },
        expect: 401,
      },
    ]);
    const reservation = { title: 'A number first', sources: ['ETRI'], workingGroups: [] };
    await run([
      { op: 'reserveDocumentNumber', as: 'delegate', params: { id: 1 }, json: reservation, expect: 201 },
      { op: 'reserveDocumentNumber', as: 'delegate', params: { id: 1 }, json: { ...reservation, type: 'TD' }, expect: 403 },
      { op: 'reserveDocumentNumber', as: 'delegate', params: { id: 999_999 }, json: reservation, expect: 404 },
      { op: 'reserveDocumentNumber', as: 'delegate', params: { id: 1 }, json: { ...reservation, sources: [] }, expect: 422 },
      { op: 'reserveDocumentNumber', as: 'anonymous', params: { id: 1 }, json: reservation, expect: 401 },
      { op: 'listMyDocumentReservations', as: 'delegate', params: { id: 1 }, expect: 200 },
      { op: 'listMyDocumentReservations', as: 'delegate', params: { id: 999_999 }, expect: 404 },
      { op: 'listMyDocumentReservations', as: 'anonymous', params: { id: 1 }, expect: 401 },
    ]);
    const listed = (await h.app.inject({ url: '/api/meetings/1/documents' })).json();
    const truthMeeting = (await h.app.inject({ url: '/api/groups/fg-truth/meetings' })).json()[0].id;
    await run([
      { op: 'getDocument', as: 'anonymous', params: { number: listed[0].number }, expect: 200 },
      { op: 'getDocument', as: 'delegate', params: { number: listed[0].number }, expect: 200 },
      { op: 'getDocument', as: 'anonymous', params: { number: 'NOPE-I-999' }, expect: 404 },
      { op: 'searchDocuments', as: 'anonymous', query: 'q=truth', expect: 200 },
      { op: 'searchDocuments', as: 'delegate', query: 'q=metaverse&type=I', expect: 200 },
      { op: 'searchDocuments', as: 'anonymous', expect: 422 },
      // Circulars and agendas.
      { op: 'listCirculars', as: 'anonymous', params: { id: 1 }, expect: 200 },
      { op: 'listCirculars', as: 'anonymous', params: { id: 999_999 }, expect: 404 },
      { op: 'issueCircular', as: 'delegate', params: { id: 1 }, json: {}, expect: 403 },
      { op: 'issueCircular', as: 'anonymous', params: { id: 1 }, json: {}, expect: 401 },
      { op: 'issueCircular', as: 'secretariat', params: { id: 1 }, json: { addressees: ['kings'] }, expect: 422 },
      { op: 'issueCircular', as: 'secretariat', params: { id: truthMeeting }, json: { initials: 'TR' }, expect: 201 },
      { op: 'issueCircular', as: 'secretariat', params: { id: truthMeeting }, json: { initials: 'TR' }, expect: 409 },
      { op: 'getAgenda', as: 'anonymous', params: { id: ids.sessionId! }, query: 'draft=1', expect: 401 },
      { op: 'getAgenda', as: 'anonymous', params: { id: 999_999 }, expect: 404 },
      { op: 'saveAgendaDraft', as: 'secretariat', params: { id: ids.sessionId! }, json: { items: [{ title: 'Opening' }] }, expect: 200 },
      { op: 'saveAgendaDraft', as: 'delegate', params: { id: ids.sessionId! }, json: { items: [{ title: 'Mine' }] }, expect: 403 },
      { op: 'saveAgendaDraft', as: 'anonymous', params: { id: ids.sessionId! }, json: { items: [] }, expect: 401 },
      { op: 'getAgenda', as: 'secretariat', params: { id: ids.sessionId! }, query: 'draft=1', expect: 200 },
      { op: 'publishAgenda', as: 'secretariat', params: { id: ids.sessionId! }, expect: 200 },
      { op: 'getAgenda', as: 'anonymous', params: { id: ids.sessionId! }, expect: 200 },
      { op: 'publishAgenda', as: 'secretariat', params: { id: ids.sessionId! }, expect: 409 },
      { op: 'publishAgenda', as: 'anonymous', params: { id: ids.sessionId! }, expect: 401 },
      // Decisions per agenda item (on the agenda just published: item 1, no documents).
      { op: 'getMeetingDecisions', as: 'anonymous', params: { id: 1 }, expect: 200 },
      { op: 'getMeetingDecisions', as: 'anonymous', params: { id: 999_999 }, expect: 404 },
      {
        op: 'saveSessionDecisions',
        as: 'secretariat',
        params: { id: 1, sessionId: ids.sessionId! },
        json: { conclusions: [{ item: 1, text: 'Opened by the chair.' }] },
        expect: 200,
      },
      {
        op: 'saveSessionDecisions',
        as: 'secretariat',
        params: { id: 1, sessionId: ids.sessionId! },
        json: { rows: [{ document: 'NOPE-I-999', decision: 'agreed' }] },
        expect: 422,
      },
      { op: 'saveSessionDecisions', as: 'secretariat', params: { id: 999_999, sessionId: ids.sessionId! }, json: {}, expect: 404 },
      { op: 'saveSessionDecisions', as: 'delegate', params: { id: 1, sessionId: ids.sessionId! }, json: {}, expect: 403 },
      { op: 'saveSessionDecisions', as: 'anonymous', params: { id: 1, sessionId: ids.sessionId! }, json: {}, expect: 401 },
      // The meeting's report: the draft (secretariat), its texts, issuing, the issued versions.
      { op: 'getMeetingReport', as: 'secretariat', params: { id: 1 }, query: 'lang=fr', expect: 200 },
      { op: 'getMeetingReport', as: 'secretariat', params: { id: 999_999 }, expect: 404 },
      { op: 'getMeetingReport', as: 'delegate', params: { id: 1 }, expect: 403 },
      { op: 'getMeetingReport', as: 'anonymous', params: { id: 1 }, expect: 401 },
      {
        op: 'saveMeetingReportTexts',
        as: 'secretariat',
        params: { id: 1 },
        json: { opening: { en: 'Opened by the chair.' } },
        expect: 200,
      },
      { op: 'saveMeetingReportTexts', as: 'secretariat', params: { id: 1 }, json: { aob: { en: 'x'.repeat(20_001) } }, expect: 422 },
      { op: 'saveMeetingReportTexts', as: 'delegate', params: { id: 1 }, json: {}, expect: 403 },
      { op: 'saveMeetingReportTexts', as: 'anonymous', params: { id: 1 }, json: {}, expect: 401 },
      { op: 'issueMeetingReport', as: 'secretariat', params: { id: 1 }, expect: 201 },
      { op: 'issueMeetingReport', as: 'secretariat', params: { id: 999_999 }, expect: 404 },
      { op: 'issueMeetingReport', as: 'delegate', params: { id: 1 }, expect: 403 },
      { op: 'issueMeetingReport', as: 'anonymous', params: { id: 1 }, expect: 401 },
      { op: 'listMeetingReports', as: 'anonymous', params: { id: 1 }, expect: 200 },
      { op: 'listMeetingReports', as: 'anonymous', params: { id: 999_999 }, expect: 404 },
      // Mailing lists.
      { op: 'subscribeToList', as: 'anonymous', params: { code: 'fg-mv' }, json: { email: 'truth@example.org' }, expect: 202 },
      { op: 'subscribeToList', as: 'anonymous', params: { code: 'fg-mv' }, json: { email: 'not an address' }, expect: 422 },
      { op: 'listAnnouncements', as: 'anonymous', params: { code: 'fg-mv' }, expect: 200 },
      { op: 'listAnnouncements', as: 'anonymous', params: { code: 'no-such-group' }, expect: 404 },
      { op: 'sendAnnouncement', as: 'secretariat', params: { code: 'fg-mv' }, json: { subject: 'Truth', body: 'Told.' }, expect: 201 },
      { op: 'sendAnnouncement', as: 'delegate', params: { code: 'fg-mv' }, json: { subject: 'Truth', body: 'Told.' }, expect: 403 },
      { op: 'sendAnnouncement', as: 'anonymous', params: { code: 'fg-mv' }, json: { subject: 'Truth', body: 'Told.' }, expect: 401 },
    ]);
    // Liaison statements.
    const ls = { direction: 'incoming', fromBody: 'ITU-T SG16', toBody: 'FG-MV', title: 'Truthful LS', purpose: 'action' };
    await run([
      { op: 'createLiaison', as: 'secretariat', params: { code: 'fg-mv' }, json: { ...ls, replyDeadline: '2023-06-30' }, expect: 201 },
      { op: 'createLiaison', as: 'secretariat', params: { code: 'fg-mv' }, json: ls, expect: 422 },
      { op: 'createLiaison', as: 'delegate', params: { code: 'fg-mv' }, json: { ...ls, purpose: 'information' }, expect: 403 },
      { op: 'createLiaison', as: 'anonymous', params: { code: 'fg-mv' }, json: { ...ls, purpose: 'information' }, expect: 401 },
      { op: 'listLiaisons', as: 'anonymous', params: { code: 'fg-mv' }, expect: 200 },
      { op: 'listLiaisons', as: 'anonymous', params: { code: 'no-such-group' }, expect: 404 },
    ]);
    const truthLs = (await h.app.inject({ url: '/api/groups/fg-mv/liaisons' }))
      .json()
      .liaisons.find((l: { title: string }) => l.title === 'Truthful LS').id;
    await run([
      { op: 'getLiaison', as: 'anonymous', params: { id: truthLs }, expect: 200 },
      { op: 'getLiaison', as: 'anonymous', params: { id: 999_999 }, expect: 404 },
      { op: 'updateLiaison', as: 'secretariat', params: { id: truthLs }, json: { toBody: 'ITU-T FG-MV' }, expect: 200 },
      { op: 'updateLiaison', as: 'secretariat', params: { id: truthLs }, json: { replyDeadline: 'soon' }, expect: 422 },
      { op: 'updateLiaison', as: 'delegate', params: { id: truthLs }, json: { title: 'Mine' }, expect: 403 },
      { op: 'updateLiaison', as: 'anonymous', params: { id: truthLs }, json: { title: 'Mine' }, expect: 401 },
    ]);
    // Organizations and their focal points.
    const organization = { name: { en: 'Ministry of Truth' }, country: 'CH', category: 'member-state' };
    await run([
      { op: 'createOrganization', as: 'secretariat', json: organization, expect: 201 },
      { op: 'createOrganization', as: 'secretariat', json: organization, expect: 409 },
      { op: 'createOrganization', as: 'secretariat', json: { name: {}, category: 'non-member' }, expect: 422 },
      { op: 'createOrganization', as: 'delegate', json: organization, expect: 403 },
      { op: 'createOrganization', as: 'anonymous', json: organization, expect: 401 },
      { op: 'listOrganizations', as: 'secretariat', expect: 200 },
      { op: 'listOrganizations', as: 'delegate', expect: 403 },
      { op: 'listOrganizations', as: 'anonymous', expect: 401 },
      {
        op: 'importOrganizations',
        as: 'secretariat',
        json: { csv: 'name_en,country,category\nUniversity of Truth,CH,academia' },
        expect: 200,
      },
      { op: 'importOrganizations', as: 'secretariat', json: { csv: 'name_en,country,category\nX,CH,nobody' }, expect: 422 },
      { op: 'importOrganizations', as: 'anonymous', json: { csv: '' }, expect: 401 },
    ]);
    const organizationId = (
      await h.app.inject({ url: '/api/organizations', headers: { authorization: `Bearer ${tokens.secretariat}` } })
    ).json()[0].id;
    await run([
      { op: 'getOrganization', as: 'secretariat', params: { id: organizationId }, expect: 200 },
      { op: 'getOrganization', as: 'secretariat', params: { id: 999_999 }, expect: 404 },
      { op: 'getOrganization', as: 'anonymous', params: { id: organizationId }, expect: 401 },
      { op: 'updateOrganization', as: 'secretariat', params: { id: organizationId }, json: { category: 'academia' }, expect: 200 },
      { op: 'updateOrganization', as: 'secretariat', params: { id: organizationId }, json: { category: 'nobody' }, expect: 422 },
      { op: 'updateOrganization', as: 'delegate', params: { id: organizationId }, json: { category: 'academia' }, expect: 403 },
      { op: 'updateOrganization', as: 'anonymous', params: { id: organizationId }, json: { category: 'academia' }, expect: 401 },
      {
        op: 'setOrganizationMember',
        as: 'secretariat',
        params: { id: organizationId },
        json: { email: demoSecretariat.email, focalPoint: true },
        expect: 200,
      },
      {
        op: 'setOrganizationMember',
        as: 'secretariat',
        params: { id: organizationId },
        json: { email: 'nobody@example.org' },
        expect: 422,
      },
      { op: 'setOrganizationMember', as: 'anonymous', params: { id: organizationId }, json: { email: demoSecretariat.email }, expect: 401 },
    ]);
    const member = (
      await h.app.inject({ url: `/api/organizations/${organizationId}`, headers: { authorization: `Bearer ${tokens.secretariat}` } })
    ).json().members[0].accountId;
    await run([
      { op: 'setQuota', as: 'secretariat', params: { id: 1, organizationId }, json: { inPersonPlaces: 2 }, expect: 200 },
      { op: 'setQuota', as: 'secretariat', params: { id: 1, organizationId }, json: { inPersonPlaces: null }, expect: 200 },
      { op: 'setQuota', as: 'secretariat', params: { id: 1, organizationId: 999_999 }, json: { inPersonPlaces: 1 }, expect: 404 },
      { op: 'setQuota', as: 'delegate', params: { id: 1, organizationId }, json: { inPersonPlaces: 1 }, expect: 403 },
      { op: 'setQuota', as: 'anonymous', params: { id: 1, organizationId }, json: { inPersonPlaces: 1 }, expect: 401 },
    ]);
    await run([
      { op: 'removeOrganizationMember', as: 'anonymous', params: { id: organizationId, accountId: member }, expect: 401 },
      { op: 'removeOrganizationMember', as: 'secretariat', params: { id: organizationId, accountId: member }, expect: 200 },
      { op: 'removeOrganizationMember', as: 'secretariat', params: { id: organizationId, accountId: member }, expect: 404 },
    ]);
    const announcements = (await h.app.inject({ url: '/api/groups/fg-mv/announcements' })).json();
    await run([
      { op: 'getAnnouncement', as: 'secretariat', params: { code: 'fg-mv', id: announcements[0].id }, expect: 200 },
      { op: 'getAnnouncement', as: 'secretariat', params: { code: 'fg-mv', id: 999_999 }, expect: 404 },
      { op: 'getAnnouncement', as: 'anonymous', params: { code: 'fg-mv', id: announcements[0].id }, expect: 401 },
      // Last: an account goes.
      { op: 'deleteMyAccount', as: 'leaving', json: { password: 'not the password' }, expect: 401 },
      { op: 'deleteMyAccount', as: 'anonymous', json: { password: leavingPassword }, expect: 401 },
      { op: 'deleteMyAccount', as: 'leaving', json: { password: leavingPassword }, expect: 204 },
    ]);

    // Every operation was called, with a success and an error.
    for (const [id] of ops) {
      const statuses = called.filter((c) => c.op === id).map((c) => c.status);
      expect(
        statuses.some((s) => s < 300),
        `${id}: a successful call`,
      ).toBe(true);
      expect(
        statuses.some((s) => s >= 400),
        `${id}: an error call`,
      ).toBe(true);
    }
  }, 120_000);

  it('says per operation who may call it, as the route requires', () => {
    for (const [id, { op }] of ops) {
      const security = op.security ?? [];
      const mine = called.filter((c) => c.op === id);
      const anonymous = mine.filter((c) => c.as === 'anonymous').map((c) => c.status);
      if (security.length && !security.some((s) => Object.keys(s).length === 0)) {
        // A token is required: without one the answer is 401, and a 401 is declared.
        expect(security, id).toEqual([{ bearer: [] }]);
        expect(anonymous, `${id} anonymously`).toContain(401);
      } else {
        // Public, or a token optional ([{}, { bearer: [] }]): an anonymous call succeeds.
        expect(
          anonymous.some((s) => s < 300),
          `${id} anonymously`,
        ).toBe(true);
        if (security.length) expect(security, id).toEqual([{}, { bearer: [] }]);
      }
    }
  });

  it('documents 204 as no content, and really sends none', () => {
    const noContent = [...ops].filter(([, { op }]) => op.responses?.['204']);
    expect(noContent.map(([id]) => id).sort()).toEqual([
      'approveVisaRequest',
      'deleteMyAccount',
      'deleteOfficer',
      'deleteSubgroup',
      'rejectVisaRequest',
    ]);
    for (const [id, { op }] of noContent) {
      expect(op.responses!['204']!.content, id).toBeUndefined();
      expect(
        called.some((c) => c.op === id && c.status === 204),
        id,
      ).toBe(true);
    }
    // `undeclared` held each of those answers to "no content": no media type and an empty body.
    const answered = called.filter((c) => c.status === 204);
    expect(answered.map((c) => c.problems)).toEqual(answered.map(() => []));
  });

  it('answers a body of another media type with 415, declared on every operation that takes a body', async () => {
    for (const [id, { method, path: p, op }] of ops) {
      if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue;
      const url = p.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'code' ? 'fg-mv' : '1'));
      const res = await h.app.inject({
        method: method as 'POST',
        url,
        headers: { authorization: `Bearer ${tokens.secretariat}`, 'content-type': 'application/xml' },
        payload: '<x/>',
      });
      expect(res.statusCode, id).toBe(415);
      expect(res.json().code, id).toBe('unsupported-media-type');
      expect(op.responses, id).toHaveProperty('415');
    }
  });

  it('names each problem type with a page under BASE_URL that explains it, in six languages, for browsers and curl', async () => {
    const Problem = doc.components!.schemas!.Problem!;
    expect(Problem.properties!.code!.enum).toEqual(problemCodes);
    // Every type the calls above were answered with is a documented code (schema-checked per call) with a page.
    expect(problemTypesSeen.size).toBeGreaterThan(8);
    for (const code of problemCodes) {
      const html = await h.app.inject({ url: `/problems/${code}`, headers: { accept: 'text/html,application/xhtml+xml' } });
      expect(html.statusCode, code).toBe(200);
      expect(html.headers['content-type']).toMatch(/^text\/html/);
      expect(html.body).toContain(code);
      for (const status of problemTypes[code].statuses) expect(html.body, code).toContain(`HTTP ${status}`);
      const text = await h.app.inject({ url: `/problems/${code}`, headers: { accept: '*/*' } });
      expect(text.headers['content-type']).toMatch(/^text\/plain/);
      expect(text.body).toContain(`${base}/problems`);
      expect(text.body).not.toContain('</');
    }
    const zh = await h.app.inject({ url: '/problems/not-found?lang=zh', headers: { accept: 'text/html' } });
    expect(zh.body).toContain('问题类型“not-found”');
    expect(zh.body).toContain('请检查路径中的标识符或代码');
    const ar = await h.app.inject({ url: '/problems/registration-closed', headers: { accept: 'text/plain', 'accept-language': 'ar' } });
    expect(ar.body).toContain('نوع المشكلة');
    const index = await h.app.inject({ url: '/problems', headers: { accept: 'text/html' } });
    for (const code of problemCodes) expect(index.body).toContain(`href="/problems/${code}"`);
    expect((await h.app.inject({ url: '/problems/no-such-problem', headers: { accept: 'text/html' } })).statusCode).toBe(404);
  });

  it('lists every problem type that src throws (a new one needs its page)', () => {
    const thrown = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.tsx?$/.test(entry.name) && !entry.name.includes('.test.')) {
          const text = fs.readFileSync(file, 'utf8');
          for (const m of text.matchAll(/\b(?:DomainError|ConflictError|TryAgainError)\(\s*'([a-z][a-z0-9-]*)'/g)) thrown.add(m[1]!);
          for (const m of text.matchAll(/\bsuper\(\s*'([a-z][a-z0-9-]*)'/g)) thrown.add(m[1]!);
          for (const m of text.matchAll(/\btype: '([a-z][a-z0-9-]*)', messageKey:/g)) thrown.add(m[1]!);
        }
      }
    };
    walk(path.join(repo, 'src'));
    expect(thrown.size).toBeGreaterThan(40);
    expect([...thrown].filter((t) => !(problemCodes as string[]).includes(t)).sort()).toEqual([]);
  });

  it('catches an answer the document does not declare (so the checks above can fail)', () => {
    const answer = { method: 'GET', routeUrl: '/api/groups/:code', contentType: 'application/problem+json' };
    expect(
      undeclared(doc, {
        ...answer,
        status: 404,
        body: JSON.stringify({ type: `${base}/problems/not-found`, code: 'not-found', title: 'x', status: 404, instance: '/api/groups/x' }),
      }),
    ).toEqual([]);
    expect(undeclared(doc, { ...answer, status: 418 })).toHaveLength(1);
    expect(undeclared(doc, { ...answer, status: 404, contentType: 'application/json' })).toHaveLength(1);
    expect(
      undeclared(doc, {
        ...answer,
        status: 404,
        body: JSON.stringify({ type: 'x', code: 'made-up', title: 'x', status: 404, instance: '/' }),
      }).length,
    ).toBeGreaterThan(0);
    expect(
      undeclared(doc, {
        method: 'DELETE',
        routeUrl: '/api/groups/:code/officers/:id',
        status: 204,
        contentType: 'application/json',
        body: 'null',
      }),
    ).toHaveLength(1);
    expect(undeclared(doc, { method: 'GET', routeUrl: '/api/nothing', status: 200, contentType: 'application/json' })).toHaveLength(1);
  });
});
