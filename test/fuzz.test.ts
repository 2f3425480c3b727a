import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLASSES,
  classesFor,
  encode,
  example,
  type Fuzzer,
  familyOf,
  fieldPaths,
  type JsonSchema,
  startFuzzer,
  withField,
} from './support/fuzz.ts';
import { databaseKinds } from './support/harness.ts';

/**
 * Fuzz test of the API: every operation of the OpenAPI document (discovered, so routes added later are
 * fuzzed too), each path and query parameter and each body field in turn, with a value of every class of
 * the corpus (test/support/fuzz.ts) and valid values everywhere else, as the secretariat and anonymously.
 * No answer may be 5xx, and nothing may change in the database when the answer is 4xx.
 */
describe.each(databaseKinds)('fuzz: the API (%s)', (kind) => {
  let f: Fuzzer;
  beforeAll(async () => {
    f = await startFuzzer(kind);
  }, 120_000);
  afterAll(() => f.close());

  it('every operation of the OpenAPI document, each parameter and body field with each class of bad value: no 5xx, nothing changed on a 4xx', async () => {
    const { h, stayAuthenticated, segments, buildPath, jsonPayload, stats, failures, changedOn4xx, families } = f;
    const doc = (h.app as unknown as { swagger(): { paths: Record<string, Record<string, OpenApiOperation>> } }).swagger();
    type OpenApiOperation = {
      parameters?: { in: string; name: string; required?: boolean; schema?: JsonSchema }[];
      requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
      responses?: Record<string, unknown>;
    };
    // The document must tell the truth: every status an operation answers is one it declares.
    const undeclared = new Set<string>();
    const started = stats.requests;
    let operations = 0;
    const ops = Object.entries(doc.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
    );
    // Reads first, then writes, deletions last: a successful fuzzed write changes less for the rest.
    const order = (m: string) => ({ GET: 0, POST: 1, PUT: 1, PATCH: 1, DELETE: 2 })[m] ?? 1;
    ops.sort((a, b) => order(a.method) - order(b.method));
    let fieldIndex = 0;
    for (const { path, method, op } of ops) {
      operations += 1;
      await stayAuthenticated();
      const segs = segments(path);
      const query = (op.parameters ?? []).filter((p) => p.in === 'query');
      const bodySchema = op.requestBody?.content?.['application/json']?.schema;
      const validQuery = (skip?: string) =>
        query.filter((p) => p.name !== skip && p.required).map((p) => `${p.name}=${encodeURIComponent(String(example(p.schema, p.name)))}`);
      const url = (pathPart: string, extra: string[] = []) => {
        const q = [...validQuery(), ...extra];
        return q.length ? `${pathPart}?${q.join('&')}` : pathPart;
      };
      const bodyOf = (body: unknown) => (bodySchema ? { payload: jsonPayload(body), headers: { 'content-type': 'application/json' } } : {});
      const validBody = bodySchema ? example(bodySchema, '', false) : undefined;
      const label = `${method} ${path}`;
      const declared = new Set(Object.keys(op.responses ?? {}));
      const send = async (...args: Parameters<typeof f.send>) => {
        const res = await f.send(...args);
        if (res && !declared.has(String(res.statusCode))) undeclared.add(`${label} → ${res.statusCode}`);
        return res;
      };
      for (const anonymous of [false, true]) {
        // Anonymous callers: a sample of the classes (the cheap refusals are the same for everyone).
        const classes = anonymous ? ['nul', 'invalid-text', 'wrong-type'] : CLASSES;
        for (const [i, seg] of segs.entries()) {
          if (seg.param === undefined) continue;
          fieldIndex += 1;
          for (const bad of classesFor(families, familyOf(`${anonymous} ${label}`, seg.param), fieldIndex, classes)) {
            for (const encoded of encode(bad).slice(0, 1)) {
              await send(
                `${label} path ${seg.param}=${bad.cls}${anonymous ? ' (anonymous)' : ''}`,
                { method, url: url(buildPath(segs, { index: i, encoded })), ...bodyOf(validBody) },
                anonymous,
              );
            }
          }
        }
        for (const p of query) {
          fieldIndex += 1;
          for (const bad of classesFor(families, familyOf(`${anonymous} ${label}`, p.name), fieldIndex, classes)) {
            const q = [...validQuery(p.name), ...encode(bad).map((e) => `${p.name}=${e}`)];
            await send(
              `${label} query ${p.name}=${bad.cls}${anonymous ? ' (anonymous)' : ''}`,
              { method, url: `${buildPath(segs)}?${q.join('&')}`, ...bodyOf(validBody) },
              anonymous,
            );
          }
        }
        if (bodySchema) {
          for (const field of [[], ...fieldPaths(bodySchema)]) {
            fieldIndex += 1;
            for (const bad of classesFor(families, familyOf(`${anonymous} ${label}`, field.join('.')), fieldIndex, classes)) {
              const payload = bad.bytes
                ? jsonPayload(withField(bodySchema, field, ''), { path: field, bytes: bad.bytes })
                : jsonPayload(field.length ? withField(bodySchema, field, bad.value) : bad.value);
              await send(
                `${label} body ${field.join('.') || '(whole)'}=${bad.cls}${anonymous ? ' (anonymous)' : ''}`,
                { method, url: url(buildPath(segs)), payload, headers: { 'content-type': 'application/json' } },
                anonymous,
              );
            }
          }
        }
      }
    }
    console.log(
      `fuzz (${kind}) API: ${operations} operations, ${stats.requests - started} requests tried, by status ${JSON.stringify(Object.fromEntries(stats.byStatus))}, ${failures.length} 5xx, ${changedOn4xx.length} changed on 4xx`,
    );
    expect(operations).toBeGreaterThan(30);
    expect(failures).toEqual([]);
    expect(changedOn4xx).toEqual([]);
    expect([...undeclared].sort()).toEqual([]);
  }, 600_000);
});
