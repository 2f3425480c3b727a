/**
 * The meeting report of a meeting with 2,000 documents (BENCH_REPORT_N), allocated to the agenda items of its
 * first session (50 an item) with a decision on each: the draft page (facts gathered and composed, HTML
 * rendered), the draft as a PDF (the first with the Typst worker's start) and as a .docx, issuing a version
 * and its PDF. On PGlite, or on PostgreSQL with BENCH_DATABASE_URL / TEST_DATABASE_URL. Prints figures;
 * asserts nothing.
 *   npm run bench:report
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { demoSecretariat } from '../demo/fg-mv.ts';
import { seedDemo } from '../demo/seed.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { findActorByEmail } from '../src/modules/accounts/queries.ts';
import { publishDraft, saveDraft } from '../src/modules/agendas/service.ts';
import { saveSessionDecisions } from '../src/modules/decisions/service.ts';
import { decisionKinds } from '../src/modules/decisions/vocabulary.ts';
import { getMeeting } from '../src/modules/meetings/service.ts';
import { systemClock } from '../src/platform/clock.ts';
import type { AppContext } from '../src/platform/context.ts';
import { makeKeyring } from '../src/platform/data-key.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { diskFileStore } from '../src/platform/files/store.ts';
import { closeTypst } from '../src/platform/pdf/typst.ts';
import { Agent } from '../test/support/agent.ts';
import type { Harness } from '../test/support/harness.ts';
import { openBenchDatabase } from './support.ts';

const N = Number(process.env.BENCH_REPORT_N ?? 2_000);
const PER_ITEM = 50;
const ROUNDS = 3;
const kind = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
const ms = (v: number) => `${v.toFixed(0)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-bench-report-'));
const opened = await openBenchDatabase(kind, dataDir, `convene_bench_report_${process.pid}`);
const { database } = opened;
const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, BASE_URL: 'https://convene.test' });
const ctx: AppContext = {
  db: database.db,
  clock: systemClock,
  config,
  log: pino({ level: 'silent' }),
  keyring: makeKeyring(Buffer.alloc(32, 7)),
  files: diskFileStore(path.join(dataDir, 'files')),
};
try {
  let t = performance.now();
  await migrate(database);
  await seedDemo(ctx);
  const actor = (await findActorByEmail(ctx, demoSecretariat.email))!;
  const [target] = await database.exec(`SELECT m.id, m.group_id FROM meetings m ORDER BY m.id DESC LIMIT 1`);
  const meetingId = Number(target!.id);
  const groupId = Number(target!.group_id);
  const detail = await getMeeting(ctx, meetingId);
  const session = detail.sessions[0]!;
  // N contributions of the meeting, numbered after the demo's.
  const numbers = Array.from({ length: N }, (_, k) => `FGMV-I-${String(5000 + k).padStart(4, '0')}`);
  for (let start = 0; start < N; start += 500) {
    const rows = numbers
      .slice(start, start + 500)
      .map(
        (number, k) =>
          `(${groupId}, ${meetingId}, 'I', ${5000 + start + k}, '${number}', 'Contribution ${start + k + 1} on interoperable avatars', '["ETRI", "Huawei"]', '["${session.subgroup}"]', '[]')`,
      );
    await database.exec(
      `INSERT INTO documents (group_id, meeting_id, type, seq, number, title, sources, working_groups, contacts) VALUES ${rows.join(', ')}`,
    );
  }
  const items = Array.from({ length: Math.ceil(N / PER_ITEM) }, (_, i) => ({
    title: `Contributions, part ${i + 1}`,
    documents: numbers.slice(i * PER_ITEM, (i + 1) * PER_ITEM),
  }));
  await saveDraft(ctx, actor, session.id, { items });
  await publishDraft(ctx, actor, session.id);
  await saveSessionDecisions(ctx, actor, meetingId, session.id, {
    rows: numbers.map((document, k) => {
      const decision = decisionKinds[k % 3]!;
      return { document, decision, note: k % 10 === 0 ? 'With thanks to the contributors.' : '' };
    }),
    conclusions: items.map((_, i) => ({ item: i + 1, text: `The meeting concluded part ${i + 1}.` })),
  });
  console.log(`${kind}: seeded the demo and ${N} documents with decisions on ${items.length} items in ${ms(performance.now() - t)}`);

  const app = await buildApp({ db: ctx.db, clock: ctx.clock, config, keyring: ctx.keyring, files: ctx.files, logger: false });
  await app.ready();
  const agent = new Agent({ app } as unknown as Harness);
  await agent.login(demoSecretariat.email, demoSecretariat.password);
  const token = await createApiToken(ctx, actor);
  const base = `/meetings/${meetingId}/report`;
  const time = async (label: string, url: string, rounds = ROUNDS) => {
    const times: number[] = [];
    let size = 0;
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      const res = await agent.get(url);
      times.push(performance.now() - t0);
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      size = res.rawPayload.length;
    }
    console.log(`${label}: median ${ms(median(times))} of ${rounds} (first ${ms(times[0]!)}), ${kb(size)}`);
  };
  await time('draft page (facts, composition, HTML)', base);
  await time('draft as JSON (API)', `/api${base}`);
  t = performance.now();
  const first = await agent.get(`${base}/draft.pdf`);
  console.log(`first draft PDF (with the Typst worker's start): ${ms(performance.now() - t)}, ${kb(first.rawPayload.length)}`);
  await time('draft PDF', `${base}/draft.pdf`);
  await time('draft .docx', `${base}/draft.docx`);
  t = performance.now();
  const issued = await app.inject({ method: 'POST', url: `/api${base}/issue`, headers: { authorization: `Bearer ${token}` } });
  if (issued.statusCode !== 201) throw new Error(`issue: ${issued.statusCode}`);
  console.log(`issuing version 1 (facts frozen): ${ms(performance.now() - t)}`);
  await time('issued version page', `/meetings/${meetingId}/reports/1`);
  await time('issued PDF (the first rendered, then from the file store)', `/meetings/${meetingId}/reports/1/report.pdf`);
  await app.close();
} finally {
  await closeTypst();
  await database.close();
  await opened.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
