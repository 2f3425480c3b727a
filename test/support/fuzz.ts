import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { demoSecretariat } from '../../demo/fg-mv.ts';
import { seedDemo } from '../../demo/seed.ts';
import { createApiToken } from '../../src/modules/accounts/api-tokens.ts';
import { startSession } from '../../src/modules/accounts/login.ts';
import { findActorByEmail } from '../../src/modules/accounts/queries.ts';
import { createVerifiedUser } from '../../src/modules/accounts/sign-up.ts';
import { rowsOf } from '../../src/platform/db/index.ts';
import { visaJson } from './fixtures.ts';
import { type DatabaseKind, startHarness } from './harness.ts';

/**
 * The fuzzer of test/fuzz.test.ts (the API) and test/fuzz-pages.test.ts (the pages): the corpus of bad
 * values, valid examples built from schemas and forms, form and route discovery, and a session that
 * sends requests and checks each answer — never 5xx, and on a 4xx nothing changed in the database.
 */

// ---------------------------------------------------------------------------------------------- corpus

export interface Bad {
  cls: string;
  /** The value as JSON carries it. */
  value: unknown;
  /** Percent-encoded as it goes into an address or a form body, when it cannot be encoded from `value`. */
  encoded?: string;
  /** Raw bytes for a JSON string or a multipart field (not UTF-8). */
  bytes?: Buffer;
}

const MB = 'x'.repeat(1 << 20);
/** The classes of bad values; a field gets one value of each class, the class's variants in rotation. */
const corpus: Bad[][] = [
  [
    { cls: 'nul', value: 'a\u0000b' },
    { cls: 'nul', value: '\u0000' },
  ],
  [
    { cls: 'control', value: 'x\u0001y' },
    { cls: 'control', value: 'Title\u0007\rX-Injected: 1' },
    { cls: 'control', value: 'x\u0085y' },
    { cls: 'control', value: '\u001b[2Jx' },
    { cls: 'control', value: 'bare\rCR' },
    { cls: 'control', value: '\u009b31m\u007f' },
  ],
  [
    { cls: 'invalid-text', value: '\ud800x', encoded: '%ED%A0%80x', bytes: Buffer.from([0xed, 0xa0, 0x80, 0x78]) },
    { cls: 'invalid-text', value: 'C3 28', encoded: '%C3%28', bytes: Buffer.from([0xc3, 0x28]) },
    { cls: 'invalid-text', value: 'x\udfff', encoded: 'x%ED%BF%BF', bytes: Buffer.from([0x78, 0xed, 0xbf, 0xbf]) },
    { cls: 'invalid-text', value: 'FF', encoded: 'a%FFb', bytes: Buffer.from([0x61, 0xff, 0x62]) },
    { cls: 'invalid-text', value: 'E0 A4', encoded: '%E0%A4%A', bytes: Buffer.from([0xe0, 0xa4]) },
  ],
  [{ cls: '1mb', value: MB }],
  [{ cls: 'long', value: 'y'.repeat(5_001) }],
  [
    { cls: 'number', value: 1e20 },
    { cls: 'number', value: -1 },
    { cls: 'number', value: 1.5 },
    { cls: 'number', value: 'NaN' },
    { cls: 'number', value: '99999999999999999999' },
    { cls: 'number', value: '-99999999999' },
    { cls: 'number', value: 1e308 },
    { cls: 'number', value: '1e400' },
    { cls: 'number', value: 'Infinity' },
    { cls: 'number', value: '0.000001' },
  ],
  [
    { cls: 'wrong-type', value: {} },
    { cls: 'wrong-type', value: ['a', 'b'] },
    { cls: 'wrong-type', value: true },
    { cls: 'wrong-type', value: null },
    { cls: 'wrong-type', value: { en: { nested: [1] } } },
    { cls: 'wrong-type', value: [] },
  ],
  [
    { cls: 'traversal', value: '../../etc/passwd' },
    { cls: 'traversal', value: '..\\..\\windows\\win.ini' },
    { cls: 'traversal', value: '..%2F..%2Fetc%2Fpasswd', encoded: '..%2F..%2Fetc%2Fpasswd' },
  ],
  [
    { cls: 'rtl', value: 'abc\u202Etxt.exe' },
    { cls: 'rtl', value: '\u202E\u2066x\u2069' },
  ],
  [
    { cls: 'newline', value: 'line 1\nline 2\r\nline 3' },
    { cls: 'newline', value: "<script>alert(1)</script>\n' OR 1=1 --" },
  ],
];
export const CLASSES = corpus.map((c) => c[0]!.cls);

/** One value of each class for the n-th field, rotating through each class's values. */
export const valuesFor = (n: number, classes = CLASSES) => corpus.filter((c) => classes.includes(c[0]!.cls)).map((c) => c[n % c.length]!);

/**
 * Fields of one family — the same field in each language ("name_fr", "name_zh"), each row
 * ("sessions_3_startDate"), the same query parameter on every page ("lang"), the transport fields of
 * every form ("_csrf", "_idem") — go through the same code: the first of a family gets every class,
 * each other one class, in rotation.
 */
export const familyOf = (scope: string, name: string) =>
  `${name.startsWith('_') ? 'transport' : scope} ${name.replace(/\d+/g, 'N').replace(/([._])(en|ar|zh|fr|ru|es)$/, '$1LANG')}`;
export function classesFor(families: Set<string>, family: string, n: number, classes = CLASSES): Bad[] {
  if (!families.has(family)) {
    families.add(family);
    return valuesFor(n, classes);
  }
  return valuesFor(n, [classes[n % classes.length]!]);
}

/** A value as one component of an address or a form body. */
const encoded = new Map<Bad, string[]>();
export function encode(bad: Bad): string[] {
  if (!encoded.has(bad)) encoded.set(bad, encodeOnce(bad));
  return encoded.get(bad)!;
}
function encodeOnce(bad: Bad): string[] {
  if (bad.encoded !== undefined) return [bad.encoded];
  const v = bad.value;
  if (Array.isArray(v)) return v.length ? v.map((x) => encodeURIComponent(String(x))) : [];
  if (v !== null && typeof v === 'object') return [encodeURIComponent(JSON.stringify(v))];
  return [encodeURIComponent(String(v))];
}

// ------------------------------------------------------------------------------------- valid examples

/** A valid value for a field, by its name (and the type the form or schema gives it). */
function sample(name: string, type = 'string'): unknown {
  const n = name.replace(/^.*[._]/, '');
  if (type === 'integer' || type === 'number') {
    if (/days/i.test(n)) return 3;
    if (/capacity/i.test(n)) return 100;
    return 1;
  }
  if (type === 'boolean') return /consent/i.test(n);
  if (/email/i.test(n)) return `fuzz.${Math.random().toString(36).slice(2, 8)}@example.org`;
  if (/password/i.test(n)) return 'correct horse battery staple';
  if (/date|On$|^from$|^until$/i.test(n) || type === 'date')
    return /expires/i.test(n) ? '2030-01-14' : /issued|birth/i.test(n) ? '2020-01-15' : '2023-05-09';
  if (/timeZone/i.test(n)) return 'Europe/Zurich';
  if (/country|nationality/i.test(n)) return 'CH';
  if (/^(lang|locale)$/i.test(n)) return 'en';
  if (/link|url/i.test(n) || type === 'url') return 'https://example.org/join';
  if (/^code$/i.test(n)) return 'FZ-1';
  if (/prefix/i.test(n)) return 'FZ';
  if (/^sex$/i.test(n)) return 'F';
  if (/^mode$/i.test(n)) return 'in-person';
  if (/sessions|workingGroups/i.test(n)) return 'WG5';
  if (/initials/i.test(n)) return 'FZ';
  if (type === 'number-text') return '1';
  return 'Fuzz value';
}

export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  nullable?: boolean;
  minimum?: number;
};

const typeOf = (s: JsonSchema) => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);

/** A valid example of a schema: required properties only unless `all`. */
export function example(schema: JsonSchema | undefined, name: string, all = false): unknown {
  if (!schema) return sample(name);
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt) return example(alt.find((s) => typeOf(s) !== 'null') ?? alt[0], name, all);
  if (schema.enum) return schema.enum[0];
  switch (typeOf(schema)) {
    case 'object': {
      if (schema.properties) {
        const keys = Object.keys(schema.properties).filter((k) => all || schema.required?.includes(k));
        return Object.fromEntries(keys.map((k) => [k, example(schema.properties![k], k, all)]));
      }
      if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
        return { en: example(schema.additionalProperties, name) };
      return {};
    }
    case 'array':
      return [example(schema.items, name, all)];
    case 'integer':
    case 'number':
      return schema.minimum !== undefined && schema.minimum > 0 ? schema.minimum : sample(name, 'number');
    case 'boolean':
      return sample(name, 'boolean');
    default:
      return sample(name);
  }
}

/** Every path of a schema's properties, parents before children ("venue", "venue.city"). */
export function fieldPaths(schema: JsonSchema | undefined, prefix: string[] = []): string[][] {
  if (!schema || prefix.length > 4) return [];
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt)
    return fieldPaths(
      alt.find((s) => typeOf(s) !== 'null'),
      prefix,
    );
  const out: string[][] = [];
  if (schema.properties) {
    for (const [k, s] of Object.entries(schema.properties)) out.push([...prefix, k], ...fieldPaths(s, [...prefix, k]));
  } else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    out.push([...prefix, 'en']);
  } else if (typeOf(schema) === 'array' && schema.items) {
    out.push([...prefix, '0'], ...fieldPaths(schema.items, [...prefix, '0']));
  }
  return out;
}

/** The required-only example with `path` set to `value`, its parents taken from the full example. */
export function withField(schema: JsonSchema, path: string[], value: unknown): unknown {
  const base = structuredClone(example(schema, '', false)) as Record<string, unknown>;
  const full = example(schema, '', true) as Record<string, unknown>;
  let node: Record<string, unknown> = base;
  let fullNode: unknown = full;
  path.forEach((key, i) => {
    fullNode = (fullNode as Record<string, unknown> | undefined)?.[key];
    if (i === path.length - 1) {
      node[key] = value;
      return;
    }
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = structuredClone(fullNode ?? {});
    node = node[key] as Record<string, unknown>;
  });
  return base;
}

// ------------------------------------------------------------------------------------------- HTML forms

const decodeEntities = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) out[m[1]!.toLowerCase()] = decodeEntities(m[2] ?? '');
  return out;
}

export interface Form {
  page: string;
  method: 'GET' | 'POST';
  action: string;
  multipart: boolean;
  /** Field name → the values a browser would send for it (empty: not sent). */
  fields: Map<string, string[]>;
  files: string[];
}

export function formsOf(page: string, html: string): Form[] {
  const forms: Form[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const a = attributes(m[1]!);
    const inner = m[2]!;
    const fields = new Map<string, string[]>();
    const files: string[] = [];
    const add = (name: string, value: string | undefined) => {
      if (!fields.has(name)) fields.set(name, []);
      if (value !== undefined) fields.get(name)!.push(value);
    };
    for (const input of inner.matchAll(/<input\b([^>]*?)\/?>/g)) {
      const i = attributes(input[1]!);
      if (!i.name || 'disabled' in i) continue;
      const type = (i.type ?? 'text').toLowerCase();
      if (type === 'submit' || type === 'button' || type === 'reset') continue;
      if (type === 'file') {
        files.push(i.name);
        continue;
      }
      if (type === 'checkbox' || type === 'radio') {
        const checked = 'checked' in i;
        if (type === 'radio' && !checked && fields.get(i.name)?.length) continue;
        add(i.name, checked || (type === 'radio' && !fields.get(i.name)?.length) ? (i.value ?? 'on') : undefined);
        if (type === 'radio' && checked) fields.set(i.name, [i.value ?? 'on']);
        continue;
      }
      const value = i.value ?? '';
      add(i.name, value === '' && 'required' in i ? String(sample(i.name, type === 'number' ? 'number-text' : type)) : value);
    }
    for (const t of inner.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const i = attributes(t[1]!);
      if (!i.name) continue;
      const value = decodeEntities(t[2]!);
      add(i.name, value === '' && 'required' in i ? 'Fuzz text' : value);
    }
    for (const s of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const i = attributes(s[1]!);
      if (!i.name) continue;
      const options = [...s[2]!.matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/g)].map(
        (o) => ({ ...attributes(o[1]!), text: decodeEntities(o[2]!) }) as Record<string, string>,
      );
      const chosen = options.filter((o) => 'selected' in o);
      const values = (chosen.length ? chosen : options.filter((o) => (o.value ?? o.text) !== '').slice(0, 1)).map(
        (o) => o.value ?? o.text ?? '',
      );
      fields.set(i.name, 'multiple' in i ? values : values.slice(0, 1));
    }
    for (const b of inner.matchAll(/<button\b([^>]*)>/g)) {
      const i = attributes(b[1]!);
      if (i.name && !fields.has(i.name)) fields.set(i.name, [i.value ?? '']);
    }
    const action =
      new URL(a.action || page, 'https://convene.test').pathname + (a.action?.includes('?') ? `?${a.action.split('?')[1]}` : '');
    forms.push({
      page,
      method: (a.method ?? 'get').toUpperCase() === 'POST' ? 'POST' : 'GET',
      action,
      multipart: (a.enctype ?? '').includes('multipart'),
      fields,
      files,
    });
  }
  return forms;
}

export const linksOf = (html: string) =>
  [...html.matchAll(/<a\b[^>]*?href="([^"]+)"/g)]
    .map((m) => decodeEntities(m[1]!))
    .filter((href) => href.startsWith('/') && !href.startsWith('//'));

/** Pages of the same route with the same query names are one page to the fuzzer. */
export let patternOf: (method: string, url: string) => string = (_m, url) => url.split('?')[0]!.replace(/\d+/g, 'N');
/** From now on, pages are told apart by the route that serves them. */
export function usePatterns(routes: { path: string; methods: string[] }[]): void {
  patternOf = patternMatcher(routes);
}
export const shapeOf = (url: string, method = 'GET') => {
  const query = url.split('?')[1] ?? '';
  const keys = [...new Set(new URLSearchParams(query).keys())].sort().join('&');
  return `${patternOf(method, url)}?${keys}`;
};

export const isDownload = (url: string) => /\.(pdf|zip|csv|xlsx|docx|ics|json)(\?|$)|\/file(\?|$)|\/docs(\/|$)/.test(url.split('?')[0]!);

// ------------------------------------------------------------------------------------------ the route table

/** Route patterns and methods from Fastify's route tree (printRoutes), e.g. "/groups/:code/edit". */
export function routeTable(printed: string): { path: string; methods: string[] }[] {
  const out: { path: string; methods: string[] }[] = [];
  const stack: string[] = [];
  for (const line of printed.split('\n')) {
    const m = /^([\s│├└─]*?)(?:├── |└── )(.*)$/.exec(line);
    if (!m) continue;
    const depth = Math.round((m[1]!.length + 4) / 4) - 1;
    const label = /^(.*?)(?: \(([^)]*)\))?$/.exec(m[2]!)!;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + label[1];
    stack[depth] = path;
    const methods = (label[2] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (methods.length) out.push({ path, methods });
  }
  return out;
}

/** The route pattern a concrete path is served by: static routes before parameterised ones, as the router does. */
export function patternMatcher(routes: { path: string; methods: string[] }[]) {
  const compiled = routes.map((r) => ({
    ...r,
    params: (r.path.match(/:\w+|\*/g) ?? []).length,
    re: new RegExp(
      `^${r.path
        .split(/(:\w+|\*)/)
        .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+?' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('')}$`,
    ),
  }));
  return (method: string, url: string) => {
    const path = url.split('?')[0]!;
    const match = compiled
      .filter((r) => r.methods.includes(method) && r.re.test(path))
      .sort((a, b) => a.params - b.params || b.path.length - a.path.length)[0];
    return match?.path ?? path.replace(/\d+/g, 'N');
  };
}

// ------------------------------------------------------------------------------------------- a session

export const BOUNDARY = '----convene-fuzz';
export function multipart(parts: { name: string; value: string | Buffer; filename?: string; type?: string }[]): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`));
    chunks.push(Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}
export const PDF = Buffer.from('%PDF-1.4\n% fuzz\n%%EOF\n');

/**
 * Tables whose rows record refused attempts themselves (failed logins, throttles): written on a 4xx by
 * design, so left out of "nothing changed". A new table of that kind belongs here.
 */
const BOOKKEEPING_TABLES = /^(sessions|__drizzle.*)$|attempt|throttle|rate_limit/;

/** A fuzzing session on a fresh database with FG-MV and real objects to aim at. */
export async function startFuzzer(kind: DatabaseKind) {
  const h = await startHarness(kind, '2023-04-06T08:00:00Z');
  let secretariatId: number;
  const session = { cookie: '', csrf: 'fuzz-csrf-token-0123456789abcdefghijklmnopq' };
  let bearer = '';
  const ids: Record<string, string> = {};
  const stats = { requests: 0, byStatus: new Map<string, number>() };
  const failures: string[] = [];
  const families = new Set<string>();
  const changedOn4xx: string[] = [];
  let fingerprintQuery = '';
  let known: { xmax: string; print: string | null } = { xmax: '', print: null };

  const xmax = async () =>
    String(rowsOf<{ x: string }>(await h.ctx.db.execute(sql`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x`))[0]!.x);
  const fingerprint = async () => JSON.stringify(rowsOf(await h.ctx.db.execute(sql.raw(fingerprintQuery))));

  /** Sends one request; checks it is not 5xx and, when it is 4xx, that the database did not change. */
  async function send(
    label: string,
    req: { method: string; url: string; payload?: string | Buffer; headers?: Record<string, string> },
    anonymous = false,
  ) {
    // The state before: known from the previous request unless something wrote since (xmax moved).
    const before = known.xmax;
    if (known.print === null) known.print = await fingerprint();
    const headers: Record<string, string> = { ...(req.headers ?? {}) };
    if (!anonymous) {
      if (req.url.startsWith('/api/')) headers.authorization = `Bearer ${bearer}`;
      else headers.cookie = `convene_session=${session.cookie}; convene_csrf=${session.csrf}`;
    } else if (!req.url.startsWith('/api/')) headers.cookie = `convene_csrf=${session.csrf}`;
    let res: LightMyRequestResponse;
    try {
      res = await h.app.inject({
        method: req.method as 'GET',
        url: req.url,
        payload: req.payload,
        headers,
        remoteAddress: `10.9.${(stats.requests >> 8) & 255}.${stats.requests & 255}`,
      });
    } catch (error) {
      failures.push(`${label}: threw ${String(error).slice(0, 200)}`);
      return undefined;
    }
    stats.requests += 1;
    const group = `${Math.floor(res.statusCode / 100)}xx`;
    stats.byStatus.set(group, (stats.byStatus.get(group) ?? 0) + 1);
    if (res.statusCode >= 500) failures.push(`${label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    const after = await xmax();
    if (after === before) return res;
    if (res.statusCode >= 400 && res.statusCode < 500) {
      const print = await fingerprint();
      if (print !== known.print) changedOn4xx.push(`${label}: ${res.statusCode}`);
      known = { xmax: after, print };
    } else known = { xmax: after, print: null };
    return res;
  }

  /** Keeps the fuzzing identity signed in (a fuzzed request may succeed in ending a session or token). */
  async function stayAuthenticated() {
    const me = await h.app.inject({ url: '/api/me', headers: { authorization: `Bearer ${bearer}` } });
    if (me.statusCode !== 200) bearer = await createApiToken(h.ctx, (await findActorByEmail(h.ctx, demoSecretariat.email))!);
    const page = await h.app.inject({ url: '/api/me', headers: { cookie: `convene_session=${session.cookie}` } });
    if (page.statusCode !== 200) session.cookie = await startSession(h.ctx, secretariatId);
    await resync();
  }
  /** After requests made outside `send` (which may write), the state before the next one is read again. */
  const resync = async () => {
    known = { xmax: await xmax(), print: null };
  };

  /** A path parameter's real value, by its name and the segment before it. */
  function paramValue(name: string, before: string): string {
    if (name === 'code') return before === 'bureaus' ? 'TSB' : 'fg-mv';
    if (name === 'number') return ids.number!;
    if (name === 'revision') return '0';
    if (name === 'token') return 'fuzz-token';
    if (name === 'file') return 'fuzz-secret.ics';
    if (name === 'name') return 'app.css';
    if (name === '*') return 'index.html';
    return ids[before] ?? '1';
  }

  /** "/groups/{code}/officers/{id}" or ":id" style → its segments with their valid values. */
  function segments(pattern: string) {
    const parts = pattern.split('/');
    return parts.map((part, i) => {
      const m = /^(?:\{(\w+)\}|:(\w+)|(\*))(.*)$/.exec(part);
      if (!m) return { literal: part };
      const name = m[1] ?? m[2] ?? '*';
      return { param: name, value: paramValue(name, parts[i - 1] ?? ''), suffix: m[4] ?? '' };
    });
  }
  const buildPath = (segs: ReturnType<typeof segments>, fuzz?: { index: number; encoded: string }) =>
    segs
      .map((s, i) =>
        s.literal !== undefined ? s.literal : `${fuzz?.index === i ? fuzz.encoded : encodeURIComponent(s.value!)}${s.suffix}`,
      )
      .join('/');

  const jsonPayload = (body: unknown, raw?: { path: string[]; bytes: Buffer }) => {
    if (!raw) return Buffer.from(JSON.stringify(body));
    const marker = '@@fuzz-raw@@';
    const text = JSON.stringify(withMarker(body, raw.path, marker));
    const [head, tail] = text.split(`"${marker}"`);
    return Buffer.concat([Buffer.from(`${head}"`), raw.bytes, Buffer.from(`"${tail}`)]);
  };
  const withMarker = (body: unknown, path: string[], marker: string): unknown => {
    if (!path.length) return marker;
    const copy = structuredClone(body) as Record<string, unknown>;
    let node = copy;
    path.slice(0, -1).forEach((k) => {
      node = node[k] as Record<string, unknown>;
    });
    node[path.at(-1)!] = marker;
    return copy;
  };

  await seedDemo(h.ctx);
  const secretariat = (await findActorByEmail(h.ctx, demoSecretariat.email))!;
  secretariatId = secretariat.id;
  session.cookie = await startSession(h.ctx, secretariat.id);
  bearer = await createApiToken(h.ctx, secretariat, 'fuzz');

  // Real objects for the handlers to reach: a document, a registration with a visa request, an announcement.
  const delegate = await createVerifiedUser(h.ctx, {
    email: 'delegate@example.org',
    password: 'correct horse battery',
    givenName: 'Li',
    familyName: 'Wei',
    category: 'member-state',
  });
  const delegateToken = await createApiToken(h.ctx, delegate);
  const reg = await h.app.inject({
    method: 'POST',
    url: '/api/meetings/1/registrations',
    payload: { mode: 'in-person', sessions: ['WG5'], visaRequest: visaJson },
    headers: { authorization: `Bearer ${delegateToken}` },
  });
  expect(reg.statusCode, reg.body).toBe(201);
  const body = multipart([
    { name: 'title', value: 'Fuzz contribution' },
    { name: 'sources', value: 'ETRI' },
    { name: 'workingGroups', value: 'WG5' },
    { name: 'contacts', value: JSON.stringify([{ name: 'Kim Min', organization: 'ETRI', email: 'kim@example.org' }]) },
    { name: 'file', value: PDF, filename: 'fuzz.pdf', type: 'application/pdf' },
  ]);
  const doc = await h.app.inject({
    method: 'POST',
    url: '/api/meetings/1/documents',
    payload: body,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  });
  expect(doc.statusCode, doc.body).toBe(201);
  const ann = await h.app.inject({
    method: 'POST',
    url: '/api/groups/fg-mv/announcements',
    payload: { subject: 'Fuzz', body: 'Fuzz body' },
    headers: { authorization: `Bearer ${bearer}` },
  });
  expect(ann.statusCode, ann.body).toBe(201);
  const group = (await h.app.inject({ url: '/api/groups/fg-mv' })).json();
  const first = async (q: string) => String(rowsOf<{ id: number }>(await h.ctx.db.execute(sql.raw(q)))[0]?.id ?? 1);
  Object.assign(ids, {
    meetings: '1',
    registrations: String(reg.json().id),
    sessions: await first("SELECT session_id AS id FROM agendas WHERE status = 'published' ORDER BY id LIMIT 1"),
    subgroups: String(group.subgroups.at(-1).id),
    officers: String(group.officers.at(-1).id),
    announcements: String(ann.json().id),
    'visa-requests': await first('SELECT id FROM visa_requests ORDER BY id LIMIT 1'),
    visas: await first('SELECT id FROM visa_requests ORDER BY id LIMIT 1'),
    tokens: await first('SELECT id FROM api_tokens ORDER BY id LIMIT 1'),
    inbound: '1',
    number: doc.json().number,
  });

  // What "changed" means: every table's rows, except the records of refused attempts themselves.
  const tables = rowsOf<{ table_name: string }>(
    await h.ctx.db.execute(
      sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    ),
  )
    .map((r) => r.table_name)
    .filter((t) => !BOOKKEEPING_TABLES.test(t));
  const columns = rowsOf<{ table_name: string; column_name: string }>(
    await h.ctx.db.execute(
      sql`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
    ),
  );
  // Per table its row count and newest row version (xmin: any insert or update makes a newer one);
  // api_tokens by content, since using a token records "last used" — bookkeeping, not a change.
  fingerprintQuery = tables
    .map((t) => {
      // Audit rows of reads ("visa.view") record that a page showed data, which a refused form does again.
      const where = t === 'audit_events' ? ` WHERE action NOT LIKE '%.view'` : '';
      if (t !== 'api_tokens')
        return `SELECT '${t}' AS t, count(*)::int AS n, coalesce(max(xmin::text::bigint), 0)::text AS h FROM "${t}"${where}`;
      const cols = columns.filter((c) => c.table_name === t && !/^last_(used|seen)/.test(c.column_name)).map((c) => `"${c.column_name}"`);
      const row = `md5(ROW(${cols.join(', ')})::text)`;
      return `SELECT '${t}' AS t, count(*)::int AS n, coalesce(md5(string_agg(${row}, '' ORDER BY ${row})), '') AS h FROM "${t}"`;
    })
    .join(' UNION ALL ');

  return {
    kind,
    h,
    session,
    ids,
    stats,
    failures,
    changedOn4xx,
    families,
    send,
    stayAuthenticated,
    resync,
    segments,
    buildPath,
    jsonPayload,
    close: () => h.close(),
  };
}
export type Fuzzer = Awaited<ReturnType<typeof startFuzzer>>;
