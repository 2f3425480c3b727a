import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BOUNDARY,
  classesFor,
  encode,
  type Form,
  type Fuzzer,
  familyOf,
  formsOf,
  isDownload,
  linksOf,
  multipart,
  PDF,
  patternOf,
  routeTable,
  shapeOf,
  startFuzzer,
  usePatterns,
} from './support/fuzz.ts';
import { databaseKinds } from './support/harness.ts';

/**
 * Fuzz test of the pages: every page route's path parameters (from the route table), every form the
 * pages a secretariat can reach show (found by crawling, so forms added later are fuzzed too) and the
 * public forms, and every query the pages link with — each field in turn, with a value of every class of
 * the corpus (test/support/fuzz.ts) and the form's own values everywhere else (its CSRF token kept).
 * No answer may be 5xx, and nothing may change in the database when the answer is 4xx.
 */
describe.each(databaseKinds)('fuzz: the pages (%s)', (kind) => {
  let f: Fuzzer;
  beforeAll(async () => {
    f = await startFuzzer(kind);
  }, 120_000);
  afterAll(() => f.close());

  it('every page route, form and linked query, each field with each class of bad value: no 5xx, nothing changed on a 4xx', async () => {
    const { h, send, stayAuthenticated, resync, segments, buildPath, session, ids, stats, failures, changedOn4xx, families } = f;
    const started = stats.requests;
    await stayAuthenticated();
    const browse = (url: string) =>
      h.app.inject({ url, headers: { cookie: `convene_session=${session.cookie}; convene_csrf=${session.csrf}` } });

    const routes = routeTable(h.app.printRoutes({ commonPrefix: false }));
    usePatterns(routes);
    // Discover: crawl the pages a secretariat can reach, keeping one page of each shape, and their forms.
    const seeds = [
      '/',
      '/groups',
      '/groups/fg-mv',
      '/meetings/1',
      '/meetings/2',
      '/console',
      '/account',
      '/me/registrations',
      '/search?q=metaverse',
      `/documents/${ids.number}`,
      `/registrations/${ids.registrations}`,
      `/console/visas/${ids.visas}`,
    ];
    const seen = new Set<string>();
    const queue = [...seeds];
    const forms = new Map<string, Form>();
    const queries = new Map<string, { path: string; params: URLSearchParams }>();
    while (queue.length && seen.size < 150) {
      const url = queue.shift()!;
      if (seen.has(shapeOf(url)) || isDownload(url) || url.startsWith('/api/')) continue;
      seen.add(shapeOf(url));
      const res = await browse(url);
      if (res.statusCode !== 200 || !String(res.headers['content-type']).includes('text/html')) continue;
      const [path, q] = url.split('?');
      if (q) queries.set(shapeOf(url), { path: path!, params: new URLSearchParams(q) });
      for (const form of formsOf(url, res.body)) {
        const key = `${form.method} ${shapeOf(form.action, form.method)} ${[...form.fields.keys()].sort().join(',')}`;
        if (!forms.has(key)) forms.set(key, form);
      }
      for (const link of linksOf(res.body)) if (!seen.has(shapeOf(link))) queue.push(link);
    }
    await resync();
    // Anonymous visitors see the public forms (sign-up, login, reset, subscription) too.
    for (const url of ['/signup', '/login', '/account/forgot', '/account/reset?token=fuzz', '/groups/fg-mv/list']) {
      const res = await h.app.inject({ url });
      for (const form of formsOf(url, res.body))
        forms.set(`anon ${form.method} ${shapeOf(form.action, form.method)} ${[...form.fields.keys()].sort().join(',')}`, form);
    }

    let fieldIndex = 1000;
    const fieldsTried = { path: 0, query: 0, form: 0 };

    // Page routes' path parameters (from the route table: every page route, linked or not).
    const pageRoutes = routes.filter((r) => !r.path.startsWith('/api') && r.path.includes(':') && r.methods.includes('GET'));
    for (const route of pageRoutes) {
      const segs = segments(route.path);
      for (const [i, seg] of segs.entries()) {
        if (seg.param === undefined) continue;
        fieldsTried.path += 1;
        fieldIndex += 1;
        for (const bad of classesFor(families, familyOf(route.path, seg.param), fieldIndex))
          await send(`GET ${route.path} path ${seg.param}=${bad.cls}`, {
            method: 'GET',
            url: buildPath(segs, { index: i, encoded: encode(bad)[0] ?? '' }),
          });
      }
    }

    // Linked queries (sorting, filters, language, versions): each parameter in turn.
    for (const { path, params } of queries.values()) {
      for (const name of new Set(params.keys())) {
        fieldsTried.query += 1;
        fieldIndex += 1;
        for (const bad of classesFor(families, familyOf('query', name), fieldIndex)) {
          const rest = [...params].filter(([k]) => k !== name).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
          await send(`GET ${path} query ${name}=${bad.cls}`, {
            method: 'GET',
            url: `${path}?${[...rest, ...encode(bad).map((e) => `${name}=${e}`)].join('&')}`,
          });
        }
      }
    }

    // Forms: each field (and each file's name) in turn. Forms that sign in or out run last.
    const ordered = [...forms.entries()].sort(
      ([a], [b]) => Number(/login|logout|signup|reset|delete/.test(a)) - Number(/login|logout|signup|reset|delete/.test(b)),
    );
    for (const [key, form] of ordered) {
      await stayAuthenticated();
      const anonymous = key.startsWith('anon ');
      const names = [...form.fields.keys(), ...form.files.map((f) => `file:${f}`)];
      for (const name of names) {
        fieldsTried.form += 1;
        fieldIndex += 1;
        for (const bad of classesFor(families, familyOf(`${form.method} ${patternOf(form.method, form.action)}`, name), fieldIndex)) {
          const label = `${form.method} ${form.action} (form on ${form.page}) field ${name}=${bad.cls}${anonymous ? ' (anonymous)' : ''}`;
          const valid = [...form.fields].filter(([k]) => k !== name);
          if (form.method === 'GET') {
            const q = [
              ...valid.flatMap(([k, vs]) => vs.map((v) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)),
              ...encode(bad).map((e) => `${encodeURIComponent(name)}=${e}`),
            ];
            await send(label, { method: 'GET', url: `${form.action.split('?')[0]}?${q.join('&')}` }, anonymous);
            continue;
          }
          const csrf = (k: string, v: string) => (k === '_csrf' ? session.csrf : v);
          if (form.multipart) {
            const parts: { name: string; value: string | Buffer; filename?: string; type?: string }[] = valid.flatMap(([k, vs]) =>
              vs.map((v) => ({ name: k, value: csrf(k, v) })),
            );
            if (name.startsWith('file:')) {
              parts.push({
                name: name.slice(5),
                value: PDF,
                filename: bad.bytes ? bad.bytes.toString('latin1') : String(bad.value).slice(0, 2000),
                type: 'application/pdf',
              });
            } else {
              const value = bad.bytes ?? (typeof bad.value === 'string' ? bad.value : JSON.stringify(bad.value));
              parts.push({ name, value });
              for (const f of form.files) parts.push({ name: f, value: PDF, filename: 'fuzz.pdf', type: 'application/pdf' });
            }
            await send(
              label,
              {
                method: 'POST',
                url: form.action,
                payload: multipart(parts),
                headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
              },
              anonymous,
            );
            continue;
          }
          const pairs = [
            ...valid.flatMap(([k, vs]) => vs.map((v) => `${encodeURIComponent(k)}=${encodeURIComponent(csrf(k, v))}`)),
            ...encode(bad).map((e) => `${encodeURIComponent(name)}=${e}`),
          ];
          await send(
            label,
            {
              method: 'POST',
              url: form.action,
              payload: pairs.join('&'),
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
            },
            anonymous,
          );
        }
      }
    }
    console.log(
      `fuzz (${kind}) pages: ${seen.size} page shapes crawled, ${pageRoutes.length} parameterised page routes (${fieldsTried.path} path parameters), ${fieldsTried.query} linked query parameters, ${forms.size} forms (${fieldsTried.form} fields)`,
    );
    console.log(
      `fuzz (${kind}) pages: ${stats.requests - started} requests tried, by status ${JSON.stringify(Object.fromEntries(stats.byStatus))}, ${failures.length} 5xx, ${changedOn4xx.length} changed on 4xx`,
    );
    expect(forms.size).toBeGreaterThan(20);
    expect(failures).toEqual([]);
    expect(changedOn4xx).toEqual([]);
  }, 600_000);
});
