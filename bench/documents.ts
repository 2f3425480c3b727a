/**
 * Documents: the meeting page with 2,000 documents, search over 100,000, a 50 MB upload (the server's
 * memory growth) and 50 concurrent submitters (gaps and duplicates in the numbers). On PGlite and —
 * with BENCH_DATABASE_URL or TEST_DATABASE_URL — on PostgreSQL. Then hostile files: 4 pptx whose slides
 * inflate to ~1 GB each, submitted at once, with the server's RSS and /healthz latency sampled meanwhile
 * (its own small server: extraction does not depend on the database). Prints figures; asserts nothing.
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:documents
 *   BENCH_ONLY=extraction npm run bench:documents     # the hostile files only
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { seedDemo } from '../demo/seed.ts';
import { loadConfig } from '../src/config.ts';
import { accounts, apiTokens } from '../src/modules/accounts/schema.ts';
import { indexText } from '../src/modules/documents/search/terms.ts';
import { systemClock } from '../src/platform/clock.ts';
import { randomToken, sha256 } from '../src/platform/crypto.ts';
import { makeKeyring } from '../src/platform/data-key.ts';
import type { Database } from '../src/platform/db/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { diskFileStore } from '../src/platform/files/store.ts';
import { hostilePptx } from '../test/support/hostile-files.ts';
import { type Measured, measure, memoryOf, openBenchDatabase, startServer, statusText } from './support.ts';

const SEARCH_N = Number(process.env.BENCH_SEARCH_N ?? 100_000);
const PAGE_N = Number(process.env.BENCH_PAGE_N ?? 2_000);
const SUBMITTERS = 50;
const UPLOAD_MB = 50;
const KEY = Buffer.alloc(32, 7).toString('base64');

/** A deterministic generator, so every run searches the same corpus. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const rand = random(42);
const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
// Zipf-like: low indexes far more often, as in real text.
const zipf = <T>(list: readonly T[]) => list[Math.floor(list.length * rand() ** 3)]!;

const syllables = ['ka', 'lo', 'mi', 'ter', 'vis', 'net', 'ro', 'sa', 'quin', 'dor', 'pel', 'tra', 'zen', 'fy', 'mor', 'gal', 'ux', 'ven'];
const englishWords = [
  ...'metaverse avatar interoperability immersive haptic rendering latency identity privacy digital twin standard protocol virtual world economy token asset accessibility display network edge cloud spatial audio gesture tracking security trust governance'.split(
    ' ',
  ),
  ...Array.from({ length: 3000 }, () => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(syllables)).join('')),
];
const hanzi =
  '元宇宙数字孪生互操作性沉浸式触觉反馈身份隐私安全标准协议虚拟世界经济资产网络边缘计算空间音频手势追踪治理信任渲染延迟显示设备平台用户体验内容创作交易监管教育医疗工业制造城市交通能源文化旅游';
const chineseWords = Array.from({ length: 800 }, () =>
  Array.from({ length: 2 + Math.floor(rand() * 3) }, () => hanzi[Math.floor(rand() * hanzi.length)]).join(''),
);
const words = (n: number) => Array.from({ length: n }, () => (rand() < 0.2 ? zipf(chineseWords) : zipf(englishWords))).join(' ');

async function preparePeople(database: Database, count: number): Promise<string[]> {
  const rows = await database.db
    .insert(accounts)
    .values(
      Array.from({ length: count }, (_, k): typeof accounts.$inferInsert => ({
        email: `doc-bench-${k}@example.org`,
        passwordHash: 'x',
        givenName: 'Bench',
        familyName: `Person ${k}`,
        category: 'member-state',
        emailVerifiedAt: new Date(),
      })),
    )
    .returning({ id: accounts.id });
  const tokens = rows.map(() => randomToken('cvn_'));
  await database.db.insert(apiTokens).values(rows.map((r, k) => ({ accountId: r.id, tokenHash: sha256(tokens[k]!), name: 'bench' })));
  return tokens;
}

/** SEARCH_N contributions (the first PAGE_N for the upcoming meeting), inserted in batches with their search vectors. */
async function seedDocuments(database: Database, fileHash: string): Promise<void> {
  const [group] = await database.exec(`SELECT id FROM groups WHERE code = 'FG-MV'`);
  const meetingsOfGroup = await database.exec(`SELECT id FROM meetings ORDER BY id`);
  const [past, upcoming] = meetingsOfGroup.map((m) => Number(m.id));
  for (let start = 0; start < SEARCH_N; start += 2000) {
    const batch = Array.from({ length: Math.min(2000, SEARCH_N - start) }, (_, k) => {
      const seq = start + k + 1;
      const number = `FGMV-I-${String(seq).padStart(3, '0')}`;
      const title = words(6);
      const abstract = words(25);
      const keywords = [zipf(englishWords), zipf(chineseWords)];
      const body = words(120);
      return {
        seq,
        number,
        meeting: seq <= PAGE_N ? upcoming : past,
        title,
        abstract,
        keywords,
        body,
        ti: indexText(`${number} ${title}`),
        mi: indexText([abstract, ...keywords, 'ETRI', 'WG5'].join(' ')),
        bi: indexText(body),
      };
    });
    const json = JSON.stringify(batch).replace(/'/g, "''");
    await database.exec(`
      WITH r AS (SELECT * FROM jsonb_to_recordset('${json}'::jsonb) AS r(seq int, number text, meeting int, title text, abstract text, keywords jsonb, body text, ti text, mi text, bi text)),
      d AS (
        INSERT INTO documents (group_id, meeting_id, type, seq, number, title, abstract, keywords, sources, working_groups, contacts, search_vector)
        SELECT ${group!.id}, r.meeting, 'I', r.seq, r.number, r.title, r.abstract, r.keywords, '["ETRI"]', '["WG5"]', '[]',
               setweight(to_tsvector('simple', r.ti), 'A') || setweight(to_tsvector('simple', r.mi), 'B')
        FROM r RETURNING id, seq, search_vector),
      s AS (
        INSERT INTO document_search (document_id, group_id, meeting_id, type, vector)
        SELECT d.id, ${group!.id}, r.meeting, 'I', d.search_vector || setweight(to_tsvector('simple', r.bi), 'D') FROM d JOIN r ON r.seq = d.seq)
      INSERT INTO document_revisions (document_id, revision, file_hash, file_size, media_type, filename, text)
      SELECT d.id, 0, '${fileHash}', 30, 'application/pdf', r.number || '.pdf', r.body FROM d JOIN r ON r.seq = d.seq`);
  }
  await database.exec(`INSERT INTO document_counters (group_id, type, last) VALUES (${group!.id}, 'I', ${SEARCH_N})`);
  await database.exec('ANALYZE');
}

async function multipartUpload(
  base: string,
  token: string,
  meetingId: number,
  filePath: string,
  name: string,
  title: string,
): Promise<Response> {
  const form = new FormData();
  form.append('title', title);
  form.append('sources', 'Bench');
  form.append('contacts', JSON.stringify([{ name: 'Bench', organization: '', email: 'bench@example.org' }]));
  form.append('file', await fs.openAsBlob(filePath), name);
  return fetch(`${base}/api/meetings/${meetingId}/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
}

/** A valid ZIP of `mb` megabytes of incompressible data, written in pieces (stored, not deflated). */
function writeBigZip(file: string, mb: number): void {
  const size = mb * 1024 * 1024 - 200;
  const name = Buffer.from('data.bin');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt32LE(size, 18);
  header.writeUInt32LE(size, 22);
  header.writeUInt16LE(name.length, 26);
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, header);
  fs.writeSync(fd, name);
  const chunk = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < size; written += chunk.length) {
    for (let i = 0; i < chunk.length; i += 4) chunk.writeUInt32LE((Math.random() * 2 ** 32) >>> 0, i);
    fs.writeSync(fd, chunk, 0, Math.min(chunk.length, size - written));
  }
  // The CRC is left 0: sniffing reads the central directory, not the data.
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(size, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(30 + name.length + size, 16);
  fs.writeSync(fd, central);
  fs.writeSync(fd, name);
  fs.writeSync(fd, end);
  fs.closeSync(fd);
}

// For repeated runs while tuning: BENCH_REUSE=1 keeps the seeded PostgreSQL database and data directory.
const REUSE = process.env.BENCH_REUSE === '1';
const ONLY = process.env.BENCH_ONLY; // page | search | upload | numbers | extraction

async function benchmark(kind: 'pglite' | 'postgres') {
  const reuseDir = path.join(os.tmpdir(), `convene-bench-docs-reuse-${kind}`);
  const reused = REUSE && fs.existsSync(path.join(reuseDir, 'seeded'));
  if (REUSE) fs.mkdirSync(reuseDir, { recursive: true });
  const dataDir = REUSE ? reuseDir : fs.mkdtempSync(path.join(os.tmpdir(), 'convene-bench-docs-'));
  const opened = await openBenchDatabase(kind, dataDir, REUSE ? 'convene_bench_docs_reuse' : `convene_bench_docs_${process.pid}`, {
    reuse: reused,
  });
  const env = { ...opened.env, CONVENE_DATA_KEY: KEY };
  const database = opened.database;
  const files = diskFileStore(path.join(dataDir, 'files'));
  const bigZip = path.join(dataDir, 'big.zip');
  try {
    const seedStarted = Date.now();
    let tokens: string[];
    if (reused) {
      tokens = JSON.parse(fs.readFileSync(path.join(dataDir, 'seeded'), 'utf8'));
    } else {
      await migrate(database);
      const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir });
      await seedDemo({
        db: database.db,
        clock: systemClock,
        config,
        log: pino({ level: 'silent' }),
        keyring: makeKeyring(Buffer.from(KEY, 'base64')),
        files,
      });
      tokens = await preparePeople(database, SUBMITTERS + 1);
      const placeholder = await files.putBuffer(Buffer.from('%PDF-1.4\n% bench\n%%EOF\n'));
      await seedDocuments(database, placeholder.hash);
      if (REUSE) fs.writeFileSync(path.join(dataDir, 'seeded'), JSON.stringify(tokens));
    }
    const [upcoming] = await database.exec('SELECT max(id) AS id FROM meetings');
    const meetingId = Number(upcoming!.id);
    await database.close();
    if (!reused) console.log(`${kind}: seeded ${SEARCH_N} documents in ${((Date.now() - seedStarted) / 1000).toFixed(0)} s`);

    const server = await startServer(env);
    try {
      const line = (what: string, m: Measured, concurrency: number) =>
        console.log(
          `${kind.padEnd(9)} ${what.padEnd(34)} c=${String(concurrency).padStart(2)} ${m.rps.toFixed(0).padStart(6)} req/s  p50 ${m.p50.toFixed(1).padStart(6)}  p95 ${m.p95.toFixed(1).padStart(6)}  p99 ${m.p99.toFixed(1).padStart(6)} ms  ${statusText(m)}`,
        );
      // Warm up the page and search paths first (JIT, connections).
      await measure(30, 2, () => fetch(`${server.base}/meetings/${meetingId}`));
      await measure(50, 2, (i) => fetch(`${server.base}/api/search?q=${encodeURIComponent(englishWords[i]!)}`));
      for (const concurrency of !ONLY || ONLY === 'page' ? [1, 4] : []) {
        line(
          `meeting page, ${PAGE_N} documents`,
          await measure(200, concurrency, () => fetch(`${server.base}/meetings/${meetingId}`)),
          concurrency,
        );
      }
      if (!ONLY || ONLY === 'page') {
        // The first view after each change (the rendered list cannot be reused): a submission, then the page.
        const changed: number[] = [];
        const file = path.join(dataDir, 'change.pdf');
        for (let i = 0; i < 30; i++) {
          fs.writeFileSync(file, `%PDF-1.4\n% change ${i} ${Date.now()}\n%%EOF\n`);
          await (
            await multipartUpload(server.base, tokens[i % SUBMITTERS]!, meetingId, file, `change-${i}.pdf`, `Change ${i}`)
          ).arrayBuffer();
          const t0 = performance.now();
          await (await fetch(`${server.base}/meetings/${meetingId}`)).arrayBuffer();
          changed.push(performance.now() - t0);
        }
        changed.sort((a, b) => a - b);
        console.log(
          `${kind.padEnd(9)} meeting page, first view after a change c= 1  p50 ${changed[15]!.toFixed(1)}  max ${changed.at(-1)!.toFixed(1)} ms`,
        );
      }
      const queries = Array.from({ length: 500 }, (_, i) =>
        i % 5 === 0
          ? pick(chineseWords)
          : i % 5 === 1
            ? `${pick(englishWords)} ${pick(englishWords)}`
            : i % 5 === 2
              ? zipf(englishWords)
              : pick(englishWords),
      );
      for (const concurrency of !ONLY || ONLY === 'search' ? [1, 4] : []) {
        line(
          `search, ${SEARCH_N} documents`,
          await measure(queries.length, concurrency, (i) => fetch(`${server.base}/api/search?q=${encodeURIComponent(queries[i]!)}`)),
          concurrency,
        );
        line(
          'search page (HTML)',
          await measure(200, concurrency, (i) => fetch(`${server.base}/search?q=${encodeURIComponent(queries[i]!)}`)),
          concurrency,
        );
      }

      if (ONLY && ONLY !== 'upload' && ONLY !== 'numbers') return;
      writeBigZip(bigZip, UPLOAD_MB);
      // The server's resident memory, sampled while each upload streams through it (three uploads).
      const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
      for (let round = 1; round <= 3; round++) {
        const before = memoryOf(server.pid).rss;
        let highest = before;
        const sampler = setInterval(() => {
          highest = Math.max(highest, memoryOf(server.pid).rss);
        }, 5);
        const t0 = Date.now();
        const upload = await multipartUpload(
          server.base,
          tokens[SUBMITTERS]!,
          meetingId,
          bigZip,
          `big-${round}.zip`,
          `A 50 MB upload (${round})`,
        );
        const uploadBody = await upload.text();
        clearInterval(sampler);
        highest = Math.max(highest, memoryOf(server.pid).rss);
        console.log(
          `${kind.padEnd(9)} ${UPLOAD_MB} MB upload #${round}: ${upload.status} in ${Date.now() - t0} ms; server RSS before ${mb(before)} MB, highest during ${mb(highest)} MB: growth ${mb(highest - before)} MB` +
            (upload.status === 201 ? '' : ` (${uploadBody.slice(0, 200)})`),
        );
        writeBigZip(bigZip, UPLOAD_MB); // new content, so the store really writes it again
      }

      const pdfs = Array.from({ length: SUBMITTERS }, (_, i) => {
        const file = path.join(dataDir, `c${i}.pdf`);
        fs.writeFileSync(file, `%PDF-1.4\n% contribution ${i}\n%%EOF\n`);
        return file;
      });
      const submitted = await Promise.all(
        pdfs.map((file, i) => multipartUpload(server.base, tokens[i]!, meetingId, file, `c${i}.pdf`, `Concurrent contribution ${i}`)),
      );
      const numbers = await Promise.all(
        submitted.map(async (r) => (r.status === 201 ? ((await r.json()) as { number: string }).number : `status ${r.status}`)),
      );
      const seqs = numbers
        .filter((n) => n.startsWith('FGMV-I-'))
        .map((n) => Number(n.slice('FGMV-I-'.length)))
        .sort((a, b) => a - b);
      const duplicates = seqs.length - new Set(seqs).size;
      const gaps = seqs.length ? seqs.at(-1)! - seqs[0]! + 1 - new Set(seqs).size : 0;
      console.log(
        `${kind.padEnd(9)} ${SUBMITTERS} concurrent submitters: ${seqs.length} numbered (${numbers[0]} …), gaps ${gaps}, duplicates ${duplicates}`,
      );
    } finally {
      await server.stop();
    }
  } finally {
    await opened.dispose({ keep: REUSE });
    if (!REUSE) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The four hostile files: the issue's kinds (~1 MB of 10 slides, ~4 MB of 40), each slide inflating to 25–100 MB. */
function hostileFiles(round: number): { name: string; content: Buffer }[] {
  const marker = (slide: number) => `round ${round} slide ${slide}`;
  return [
    { name: 'blank-10.pptx', content: hostilePptx({ slides: 10, slideMegabytes: 100, fill: 'blank', marker }) },
    { name: 'markup-10.pptx', content: hostilePptx({ slides: 10, slideMegabytes: 100, fill: 'markup', marker }) },
    { name: 'text-10.pptx', content: hostilePptx({ slides: 10, slideMegabytes: 100, fill: 'text', marker }) },
    { name: 'text-40.pptx', content: hostilePptx({ slides: 40, slideMegabytes: 25, fill: 'text', marker }) },
  ];
}

/**
 * 4 hostile files submitted at once to a server in its own process: as the first files a fresh server
 * takes, then on another one twice, after 4 ordinary submissions (PDFs, so its extraction threads load
 * pdf.js). The server's RSS is sampled every 5 ms from /proc and /healthz is requested back to back
 * meanwhile, by one client.
 */
async function hostileExtraction(kind: 'pglite' | 'postgres') {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-bench-hostile-'));
  const opened = await openBenchDatabase(kind, dataDir, `convene_bench_hostile_${process.pid}`);
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  try {
    await migrate(opened.database);
    const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir });
    await seedDemo({
      db: opened.database.db,
      clock: systemClock,
      config,
      log: pino({ level: 'silent' }),
      keyring: makeKeyring(Buffer.from(KEY, 'base64')),
      files: diskFileStore(path.join(dataDir, 'files')),
    });
    const tokens = await preparePeople(opened.database, 4);
    const [upcoming] = await opened.database.exec('SELECT max(id) AS id FROM meetings');
    const meetingId = Number(upcoming!.id);
    await opened.database.close();

    const onServer = async (cold: boolean) => {
      const server = await startServer({ ...opened.env, CONVENE_DATA_KEY: KEY });
      /** Runs `work` while sampling the server's RSS every 5 ms and requesting /healthz back to back. */
      const sampled = async <T>(work: () => Promise<T>) => {
        await new Promise((r) => setTimeout(r, 1000));
        const before = memoryOf(server.pid).rss;
        let highest = before;
        const sampler = setInterval(() => {
          highest = Math.max(highest, memoryOf(server.pid).rss);
        }, 5);
        const latencies: number[] = [];
        let working = true;
        const prober = (async () => {
          while (working) {
            const t0 = performance.now();
            await (await fetch(`${server.base}/healthz`)).arrayBuffer();
            latencies.push(performance.now() - t0);
          }
        })();
        const t0 = Date.now();
        const result = await work();
        const seconds = (Date.now() - t0) / 1000;
        working = false;
        await prober;
        clearInterval(sampler);
        highest = Math.max(highest, memoryOf(server.pid).rss);
        latencies.sort((a, b) => a - b);
        const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
        return { result, seconds, before, highest, p, count: latencies.length };
      };
      const submitAll = async (files: { name: string; file: string }[], title: string) => {
        const responses = await Promise.all(
          files.map((f, i) => multipartUpload(server.base, tokens[i]!, meetingId, f.file, f.name, `${title} ${f.name}`)),
        );
        return Promise.all(responses.map(async (r) => `${r.status}${r.status === 201 ? '' : ` ${(await r.text()).slice(0, 120)}`}`));
      };
      const hostileRound = async (round: number, label: string) => {
        const files = hostileFiles(round).map((f) => {
          const file = path.join(dataDir, `${round}-${f.name}`);
          fs.writeFileSync(file, f.content);
          return { ...f, file };
        });
        const run = await sampled(() => submitAll(files, `Hostile (${round})`));
        const sizes = files.map((f) => `${mb(f.content.length)} MB`).join(', ');
        console.log(
          `${kind.padEnd(9)} hostile files, ${label}: 4 pptx at once (${sizes}; each inflating to ~1 GB) → ${run.result.join(' ')} in ${run.seconds.toFixed(1)} s; ` +
            `server RSS before ${mb(run.before)} MB, highest ${mb(run.highest)} MB`,
        );
        console.log(
          `  RSS rise ${mb(run.highest - run.before)} MB (bound 64), /healthz p99 ${run.p(0.99).toFixed(1)} ms (bound 100); p50 ${run.p(0.5).toFixed(1)} ms, max ${run.p(1).toFixed(1)} ms over ${run.count} requests`,
        );
      };
      try {
        // Connections, JIT and the page code warmed; no extraction yet.
        await measure(200, 2, () => fetch(`${server.base}/healthz`));
        if (cold) {
          await hostileRound(0, 'the first files of a fresh server');
          return;
        }
        // Four ordinary submissions first, as any server that has taken documents has: the extraction
        // threads load pdf.js here.
        const ordinary = [0, 1, 2, 3].map((i) => {
          const file = path.join(dataDir, `ordinary-${i}.pdf`);
          fs.writeFileSync(file, `%PDF-1.4\n% ordinary ${i} ${Date.now()}\n%%EOF\n`);
          return { name: `ordinary-${i}.pdf`, file };
        });
        const first = await sampled(() => submitAll(ordinary, 'Ordinary'));
        console.log(
          `${kind.padEnd(9)} 4 ordinary PDF submissions at once (pdf.js loads) → ${first.result.join(' ')}: RSS rise ${mb(first.highest - first.before)} MB`,
        );
        for (const round of [1, 2]) await hostileRound(round, `round ${round}`);
      } finally {
        await server.stop();
      }
    };
    await onServer(true);
    await onServer(false);
  } finally {
    await opened.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`documents benchmark: server in its own process, node ${process.version}, ${os.cpus().length} cores\n`);
if (ONLY !== 'extraction') {
  if (!process.env.BENCH_SKIP_PGLITE) await benchmark('pglite');
  if (process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL) await benchmark('postgres');
}
if (!ONLY || ONLY === 'extraction') {
  if (!process.env.BENCH_SKIP_PGLITE) await hostileExtraction('pglite');
  if (process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL) await hostileExtraction('postgres');
}
