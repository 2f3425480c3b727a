import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApiToken, listApiTokens } from '../src/modules/accounts/api-tokens.ts';
import { publishDraft, saveDraft } from '../src/modules/agendas/service.ts';
import { receiveContribution } from '../src/modules/documents/inbound/receiving.ts';
import { inboundSubmissions } from '../src/modules/documents/schema.ts';
import { getGroup, updateGroup } from '../src/modules/groups/service.ts';
import { createLiaison } from '../src/modules/liaisons/service.ts';
import { sendAnnouncement } from '../src/modules/mailing-lists/announcing.ts';
import { createOrganization, setMember } from '../src/modules/organizations/service.ts';
import { saveRemoteAccess } from '../src/modules/remote/service.ts';
import { issueReport } from '../src/modules/reports/service.ts';
import { visaPieceOf } from '../src/modules/visas/registration-part.ts';
import { approveVisaRequest } from '../src/modules/visas/service.ts';
import type { Actor } from '../src/platform/actor.ts';
import type { AccessRule, Audience, ListedRoute } from '../src/platform/http/access.ts';
import { translator } from '../src/platform/i18n/index.ts';
import { Agent } from './support/agent.ts';
import { pdfBytes } from './support/documents.ts';
import {
  buildCircular,
  buildDocument,
  buildGroup,
  buildMeeting,
  buildPerson,
  buildRegistration,
  type Person,
  secretariatOf,
} from './support/factories.ts';
import { type Harness, startHarness } from './support/harness.ts';

/**
 * The authorization matrix, generated from the route list: every route declares its access
 * (`config.access`, platform/http/access.ts), and every route is called as each kind of person — nobody,
 * the participant whose registration and document the fixtures hold, another participant, an officer of
 * another group, an officer of this group, the secretariat — with the outcome the declaration calls for:
 * allowed (past authorization: a validation error counts) or refused (401, 403, the login form and back,
 * or 404 where the rule hides). Requests run in sequence on one set of fixtures: reads first, then
 * writes, the destructive ones last.
 */
const personas = ['anonymous', 'otherParticipant', 'otherOfficer', 'officer', 'participant', 'secretariat'] as const;
type Persona = (typeof personas)[number];
type Outcome = 'allowed' | 'refused' | 'hidden' | 'unchecked';

const audiences: Record<Exclude<Audience, 'readers'>, readonly Persona[]> = {
  'signed-in': ['participant', 'otherParticipant', 'otherOfficer', 'officer', 'secretariat'],
  participants: ['participant', 'otherParticipant', 'otherOfficer', 'officer'],
  secretariat: ['secretariat'],
  officers: ['officer', 'secretariat'],
  owner: ['participant', 'secretariat'],
  self: ['participant'],
  'owner-or-officers': ['participant', 'officer', 'secretariat'],
  attendees: ['participant', 'officer', 'secretariat'],
  // No persona here is a focal point: test/registration-approval.test.ts holds theirs, allowed and denied.
  'focal-points': ['secretariat'],
};
const hiding: readonly Audience[] = ['owner', 'self'];
/** What a `readers` policy is asked, as the fixtures set it: documents for people signed in, the participant list for those registered. */
const facts = (persona: Persona) => ({ access: 'signed-in', visibility: 'registered', registered: persona === 'participant' });

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/'/g, '&#39;').replace(/"/g, '&quot;');
const routeName = (r: ListedRoute) => `${r.method} ${r.options.url}`;
const accessOf = (r: ListedRoute) => r.options.config?.access;
const destructive = (r: ListedRoute) =>
  r.method === 'DELETE' || /\/(delete|cancel|withdraw|reject|approve|logout|reset|disable)$|\/two-factor\/start$/.test(r.options.url);
const order = (r: ListedRoute) => (r.method === 'GET' ? 0 : destructive(r) ? 2 : 1);

/** The least JSON a body schema accepts, so that the schema lets the request through to the handler's own checks. */
function leastOf(schema: Record<string, unknown>): unknown {
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const options = (schema.anyOf ?? schema.oneOf) as Record<string, unknown>[] | undefined;
  if (options) return leastOf(options.find((o) => o.type !== 'null') ?? options[0]!);
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
      const required = (schema.required ?? []) as string[];
      return Object.fromEntries(required.map((key) => [key, leastOf(properties[key] ?? {})]));
    }
    case 'array':
      return [];
    case 'string':
      return schema.format === 'date' ? '2023-05-01' : schema.format === 'email' ? 'someone@example.org' : 'x';
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return false;
    default:
      return null;
  }
}
const bodyFor = (r: ListedRoute): unknown => {
  const schema = (r.options.schema as { body?: z.ZodType } | undefined)?.body;
  return schema ? leastOf(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>) : undefined;
};

const signInFirst = translator('en')('error.unauthenticated');
/** A 401 that asks to sign in, not one about a wrong password or code (which the route answers past authorization). */
const asksToSignIn = (res: LightMyRequestResponse) =>
  res.statusCode === 401 && (res.body.includes('"code":"unauthenticated"') || res.body.includes(escapeHtml(signInFirst)));

function outcomeOf(res: LightMyRequestResponse): Outcome {
  const location = String(res.headers.location ?? '');
  if (asksToSignIn(res) || res.statusCode === 403 || (res.statusCode === 303 && location.startsWith('/login?next='))) return 'refused';
  if (res.statusCode === 404) return 'hidden';
  // The route's own schema refused the request before the handler could ask the policy.
  if (res.statusCode === 400 && /"code":"(invalid-request|validation)"/.test(res.body) && res.body.includes('"errors"')) return 'unchecked';
  return 'allowed';
}

describe('the authorization matrix', () => {
  let h: Harness;
  const agents = {} as Record<Persona, Agent>;
  const people = {} as Record<Exclude<Persona, 'anonymous'>, Person>;
  const params: Record<string, string> = {};

  beforeAll(async () => {
    h = await startHarness('pglite');
    const { ctx } = h;
    people.secretariat = await secretariatOf(ctx);
    for (const p of ['participant', 'otherParticipant', 'otherOfficer', 'officer'] as const) people[p] = await buildPerson(ctx);
    const group = await buildGroup(ctx, {
      bureau: 'MTX',
      subgroups: ['WG1', 'WG2', 'WG3', 'WG4'],
      documentAccess: 'signed-in',
      officers: [{ role: 'chair', accountEmail: people.officer.email }, { role: 'vice-chair' }, { role: 'vice-chair' }],
    });
    await buildGroup(ctx, { officers: [{ role: 'chair', accountEmail: people.otherOfficer.email }] });
    const meeting = await buildMeeting(ctx, { group, sessions: ['WG1', 'WG2'], participantListVisibility: 'registered' });
    const registration = await buildRegistration(ctx, { meeting, person: people.participant, visaRequest: true });
    await approveVisaRequest(ctx, people.secretariat, visaPieceOf(registration)!.id);
    const document = await buildDocument(ctx, { meeting, author: people.participant });
    await buildCircular(ctx, { meeting });
    const session = meeting.sessions[0]!;
    await saveDraft(ctx, people.secretariat, session.id, { items: [{ title: 'Opening' }] });
    await publishDraft(ctx, people.secretariat, session.id);
    await issueReport(ctx, people.secretariat, meeting.id);
    await saveRemoteAccess(ctx, people.secretariat, meeting.id, { daysBefore: 3, whole: { link: 'https://meet.example/matrix' } });
    const announcement = await sendAnnouncement(ctx, people.secretariat, group.code, { subject: 'News', body: 'Hello.' });
    await updateGroup(ctx, people.secretariat, group.code, { contributionEmail: 'matrix@convene.test' });
    await receiveContribution(ctx, {
      from: 'stranger@elsewhere.example',
      to: ['matrix@convene.test'],
      subject: 'A contribution',
      attachments: [{ filename: 'c.pdf', content: Buffer.from(pdfBytes('Mailed')) }],
      senderCheck: 'aligned',
    });
    const [inbound] = await ctx.db.select({ id: inboundSubmissions.id }).from(inboundSubmissions);
    const liaison = await createLiaison(ctx, people.secretariat, group.code, {
      direction: 'incoming',
      fromBody: 'ITU-T SG16',
      toBody: group.code,
      title: 'Matrix LS',
      purpose: 'information',
    });
    await createApiToken(ctx, people.participant, 'matrix');
    const [token] = await listApiTokens(ctx, people.participant);
    const organization = await createOrganization(ctx, people.secretariat, {
      name: { en: 'Matrix Ministry' },
      country: 'CH',
      category: 'member-state',
    });
    await setMember(ctx, people.secretariat, organization.id, { email: people.participant.email });
    await setMember(ctx, people.secretariat, organization.id, { email: people.otherParticipant.email });
    const full = await getGroup(ctx, group.code);
    const spare = (label: string) => full.subgroups.find((s) => `WG${s.number}` === label)!.id;
    const spareOfficers = full.officers.filter((o) => o.role === 'vice-chair').map((o) => o.id);
    Object.assign(params, {
      code: group.code,
      meeting: String(meeting.id),
      registration: String(registration.id),
      visa: String(visaPieceOf(registration)!.id),
      session: String(session.id),
      number: document.number,
      announcement: String(announcement.id),
      inbound: String(inbound!.id),
      token: String(token!.id),
      subgroupPage: String(spare('WG3')),
      subgroupApi: String(spare('WG4')),
      officerPage: String(spareOfficers[0]),
      officerApi: String(spareOfficers[1]),
      organization: String(organization.id),
      liaison: String(liaison.id),
      organizationMemberApi: String(people.participant.id),
      organizationMemberPage: String(people.otherParticipant.id),
    });

    for (const [i, persona] of personas.entries()) {
      agents[persona] = new Agent(h, `10.9.0.${i + 1}`);
      await agents[persona].get('/login');
      if (persona !== 'anonymous') await agents[persona].login(people[persona].email, people[persona].password);
    }
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  /** A route's address with the fixtures' values in its parameters. */
  function addressOf(r: ListedRoute): string {
    const url = r.options.url;
    const idFor = (): string => {
      if (/^\/(api\/)?(meetings|console\/meetings)\/:id/.test(url)) return params.meeting!;
      if (/^\/(api\/)?registrations\/:id/.test(url)) return params.registration!;
      if (/^\/(console\/visas|api\/visa-requests)\/:id/.test(url)) return params.visa!;
      if (/^\/(api\/)?sessions\/:id/.test(url)) return params.session!;
      if (url.startsWith('/console/inbound/:id')) return params.inbound!;
      if (url.includes('/announcements/:id')) return params.announcement!;
      if (url.startsWith('/account/tokens/:id')) return params.token!;
      if (url.includes('/subgroups/:id')) return url.startsWith('/api/') ? params.subgroupApi! : params.subgroupPage!;
      if (/^\/(api|console)\/organizations\/:id/.test(url)) return params.organization!;
      if (url.includes('/officers/:id')) return url.startsWith('/api/') ? params.officerApi! : params.officerPage!;
      if (/^\/(api\/)?liaisons\/:id/.test(url)) return params.liaison!;
      throw new Error(`no fixture for :id in ${url}`);
    };
    return url
      .replace(':code', url.startsWith('/problems/') ? 'not-found' : params.code!)
      .replace(':number', params.number!)
      .replace(':revision', '0')
      .replace(':token', 'no-such-token-'.padEnd(43, 'x'))
      .replace(':file', 'no-such-feed.ics')
      .replace(':name', 'app.css')
      .replace(':sessionId', params.session!)
      .replace(':version', '1')
      .replace(':id', idFor)
      .replace(':accountId', url.startsWith('/api/') ? params.organizationMemberApi! : params.organizationMemberPage!)
      .replace(':organizationId', params.organization!)
      .replace(/\*$/, 'index.html');
  }

  async function send(persona: Persona, r: ListedRoute): Promise<LightMyRequestResponse> {
    const agent = agents[persona];
    const url = addressOf(r);
    if (r.method === 'GET') return agent.get(url);
    if (!url.startsWith('/api/')) {
      if (r.options.config?.multipart) return agent.upload(url, {}, null);
      return agent.post(url, {});
    }
    const body = bodyFor(r);
    return agent.request(r.method as 'POST', url, body);
  }

  function expected(rule: AccessRule, persona: Persona): Outcome[] {
    if (rule.kind === 'public') return ['allowed'];
    if (rule.kind === 'signed-in') return persona === 'anonymous' ? ['refused'] : ['allowed'];
    if (rule.kind === 'secret') throw new Error('a secret decides, not the persona');
    const allowed =
      rule.who === 'readers'
        ? rule.action.decide(persona === 'anonymous' ? null : (people[persona] as Actor), facts(persona)) === true
        : audiences[rule.who].includes(persona);
    if (allowed) return ['allowed'];
    return hiding.includes(rule.who) || persona === 'anonymous' ? ['refused', 'hidden'] : ['refused'];
  }

  const routes = () =>
    h.app.routeList.filter((r) => r.method !== 'HEAD' && !r.options.url.startsWith('/api/bench/')).sort((a, b) => order(a) - order(b));

  it('lists every route with the access it declares', () => {
    expect(routes().length).toBeGreaterThan(150);
    expect(
      routes()
        .filter((r) => !accessOf(r))
        .map(routeName),
    ).toEqual([]);
  });

  it('keeps the pages everyone must be able to read before signing up public (the privacy notice)', () => {
    const publicPages = ['/privacy', '/signup', '/login'];
    for (const url of publicPages) {
      const route = routes().find((r) => r.method === 'GET' && r.options.url === url);
      expect(route && accessOf(route), url).toEqual({ kind: 'public' });
    }
  });

  it('refuses the denied writes without changing anything', async () => {
    const before = await agents.secretariat.get(`/api/groups/${params.code}`);
    const registrationBefore = await agents.participant.get(`/api/registrations/${params.registration}`);
    for (const persona of ['anonymous', 'otherParticipant', 'otherOfficer', 'officer'] as const) {
      const patched = await agents[persona].request('PATCH', `/api/groups/${params.code}`, { mandate: { en: 'Taken over' } });
      expect(patched.statusCode, persona).toBeOneOf([401, 403]);
      const removed = await agents[persona].request('DELETE', `/api/groups/${params.code}/officers/${params.officerApi}`);
      expect(removed.statusCode, persona).toBeOneOf([401, 403]);
    }
    for (const persona of ['anonymous', 'otherParticipant', 'otherOfficer', 'officer'] as const) {
      const cancelled = await agents[persona].request('DELETE', `/api/registrations/${params.registration}`);
      expect(cancelled.statusCode, persona).toBeOneOf([401, 404]);
    }
    expect((await agents.secretariat.get(`/api/groups/${params.code}`)).json()).toEqual(before.json());
    expect((await agents.participant.get(`/api/registrations/${params.registration}`)).json()).toEqual(registrationBefore.json());
  });

  it('gives each kind of person the outcome each route declares', { timeout: 120_000 }, async () => {
    const wrong: string[] = [];
    console.log(`authorization matrix: ${routes().length} routes × ${personas.length} kinds of person`);
    for (const r of routes()) {
      const rule = accessOf(r);
      if (!rule) continue;
      const seen = new Map<Persona, string>();
      for (const persona of personas) {
        const res = await send(persona, r);
        const outcome = outcomeOf(res);
        seen.set(persona, `${outcome} (${res.statusCode})`);
        if (persona !== 'anonymous' && !agents[persona].cookie('convene_session')) {
          await agents[persona].login(people[persona].email, people[persona].password);
        }
        if (outcome === 'unchecked')
          wrong.push(`${routeName(r)} as ${persona}: the schema refused the request (${res.body.slice(0, 200)})`);
        else if (rule.kind !== 'secret' && !expected(rule, persona).includes(outcome))
          wrong.push(`${routeName(r)} as ${persona}: ${outcome} (${res.statusCode}), expected ${expected(rule, persona).join(' or ')}`);
      }
      if (rule.kind === 'secret') {
        const classes = new Set([...seen.values()].map((s) => s.split(' ')[0]));
        if (classes.size > 1) wrong.push(`${routeName(r)}: a secret decides, yet the outcome depends on who asks: ${[...seen].join(', ')}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
