import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq, getTableName, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { circulars } from '../src/modules/circulars/schema.ts';
import { receiveContribution } from '../src/modules/documents/inbound/receiving.ts';
import { documentCounters, documentRevisions, documents, inboundSubmissions } from '../src/modules/documents/schema.ts';
import type { InboundStatus } from '../src/modules/documents/vocabulary.ts';
import { groups } from '../src/modules/groups/schema.ts';
import { meetings } from '../src/modules/meetings/schema.ts';
import { rowsOf } from '../src/platform/db/index.ts';
import { outbox } from '../src/platform/mail/schema.ts';
import { Agent, multipartBody } from './support/agent.ts';
import { contributionFields, docxWith, pdfBytes } from './support/documents.ts';
import { type BuiltMeeting, buildCircular, buildMeeting, secretariatOf } from './support/factories.ts';
import { looksLikeFileColumn, notFileColumns } from './support/file-columns.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';
import { hostilePptx, zipOf } from './support/hostile-files.ts';
import { signedInPerson } from './support/people.ts';

const NOW = '2023-04-20T08:00:00Z';

/** The content files of the store (not its temporary folder). */
function storedFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !path.relative(root, e.parentPath).startsWith('tmp'))
    .map((e) => e.name)
    .sort();
}

/** A PDF no other test sends: its bytes are new to the store. */
const freshPdf = () => pdfBytes(`unique ${randomUUID()}`);

describe.each(databaseKinds)('uploads (%s)', (kind) => {
  let h: Harness;
  /** A meeting of FG-MV on 9–10 May 2023 whose contributions are due on 2 May. */
  let meeting: BuiltMeeting;
  let MEETING: number;

  beforeAll(async () => {
    h = await startHarness(kind, NOW);
    meeting = await buildMeeting(h.ctx, {
      group: { code: 'FG-MV', subgroups: ['WG5', 'WG6'], bureau: 'TSB' },
      startsIn: '2023-05-09',
      deadlines: { contributions: '2023-05-02' },
    });
    MEETING = meeting.id;
  });
  afterAll(() => h.close());

  /** A multipart POST to the API; `fields` in order, the file where `fileAt` says (default last). */
  const apiPost = async (
    url: string,
    headers: Record<string, string>,
    fields: [string, string][],
    file: { name: string; content: Uint8Array } | null,
    fileAt = fields.length,
  ) => {
    const form = new FormData();
    fields.forEach(([k, v], i) => {
      if (i === fileAt && file) form.append('file', new Blob([file.content as BlobPart]), file.name);
      form.append(k, v);
    });
    if (fileAt >= fields.length && file) form.append('file', new Blob([file.content as BlobPart]), file.name);
    const { payload, contentType } = await multipartBody(form);
    return h.app.inject({ method: 'POST', url, payload, headers: { ...headers, 'content-type': contentType } });
  };
  const details = (title: string): [string, string][] => [
    ['title', title],
    ['sources', 'ETRI'],
    ['workingGroups', 'WG5'],
    ['contacts', JSON.stringify([{ name: 'Kim Min', organization: 'ETRI', email: 'kim@example.org' }])],
  ];
  const submit = (headers: Record<string, string>, title: string, file = { name: 'c.pdf', content: freshPdf() }, meetingId = MEETING) =>
    apiPost(`/api/meetings/${meetingId}/documents`, headers, details(title), file);
  const countDocuments = async () => (await h.ctx.db.select({ id: documents.id }).from(documents)).length;

  describe('refused and failed uploads keep nothing', () => {
    it('on the API: anonymous, forbidden type, unknown meeting, late, bad details, bad content, a 500', async () => {
      const { auth } = await signedInPerson(h);
      const before = storedFiles(h.filesDir);
      const docs = await countDocuments();
      const statuses: number[] = [];
      const post = async (...args: Parameters<typeof apiPost>) => statuses.push((await apiPost(...args)).statusCode);
      const url = `/api/meetings/${MEETING}/documents`;
      for (let i = 0; i < 5; i++) await post(url, {}, details(`Anonymous ${i}`), { name: 'a.pdf', content: freshPdf() });
      // Output documents are the secretariat's: refused whether the type comes before the file or after it.
      await post(url, auth, [['type', 'O'], ...details('Output before')], { name: 'o.pdf', content: freshPdf() });
      await post(url, auth, [...details('Output after'), ['type', 'O']], { name: 'o.pdf', content: freshPdf() }, 0);
      await post('/api/meetings/999999/documents', auth, details('No such meeting'), { name: 'n.pdf', content: freshPdf() });
      await post(
        url,
        auth,
        [
          ['title', ''],
          ['sources', 'ETRI'],
        ],
        { name: 'untitled.pdf', content: freshPdf() },
      );
      await post(url, auth, [...details('Bad group'), ['workingGroups', 'WG42']], { name: 'g.pdf', content: freshPdf() });
      await post(url, auth, details('A PDF named .docx'), { name: 'fake.docx', content: freshPdf() });
      await post(url, auth, details('An executable'), { name: 'setup.exe', content: Buffer.concat([Buffer.from('MZ'), randomBytes(100)]) });
      await post(url, auth, details('No file'), null);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 403, 403, 404, 422, 422, 422, 422, 422]);

      // After the deadline, at a meeting that refuses late contributions.
      await h.ctx.db.update(meetings).set({ lateContributions: 'refuse' }).where(eq(meetings.id, MEETING));
      h.clock.set('2023-05-03T08:00:00Z');
      try {
        const late = await submit(auth, 'Too late');
        expect(late.statusCode).toBe(409);
        expect(late.json().code).toBe('contribution-deadline-passed');
      } finally {
        h.clock.set(NOW);
        await h.ctx.db.update(meetings).set({ lateContributions: 'flag' }).where(eq(meetings.id, MEETING));
      }

      // A failure inside the submission (the search table gone): a 500, and the file is given back.
      await h.ctx.db.execute(sql`ALTER TABLE document_search RENAME TO document_search_away`);
      try {
        expect((await submit(auth, 'Fails inside')).statusCode).toBe(500);
      } finally {
        await h.ctx.db.execute(sql`ALTER TABLE document_search_away RENAME TO document_search`);
      }

      expect(storedFiles(h.filesDir)).toEqual(before);
      expect(await countDocuments()).toBe(docs);
    });

    it('on the web form: forged, late, bad details, bad content, forbidden type', async () => {
      const { agent } = await signedInPerson(h);
      const before = storedFiles(h.filesDir);
      const docs = await countDocuments();
      const url = `/meetings/${MEETING}/documents`;
      const anonymous = new Agent(h);
      expect((await anonymous.upload(url, contributionFields('Anonymous'), { name: 'a.pdf', content: freshPdf() })).statusCode).toBe(303);
      expect(
        (await agent.upload(url, contributionFields('Forged'), { name: 'f.pdf', content: freshPdf() }, { csrf: false })).statusCode,
      ).toBe(403);
      expect((await agent.upload(url, contributionFields(''), { name: 'untitled.pdf', content: freshPdf() })).statusCode).toBe(422);
      const mismatch = await agent.upload(url, contributionFields('Mismatch'), { name: 'x.xlsx', content: freshPdf() });
      expect(mismatch.statusCode).toBe(422);
      expect(mismatch.body).toContain('Mismatch'); // the form is shown again, filled in
      expect(
        (await agent.upload(url, contributionFields('Temporary?', { type: 'TD' }), { name: 't.pdf', content: freshPdf() })).statusCode,
      ).toBe(403);
      await h.ctx.db.update(meetings).set({ lateContributions: 'refuse' }).where(eq(meetings.id, MEETING));
      h.clock.set('2023-05-03T08:00:00Z');
      try {
        const late = await agent.upload(url, contributionFields('Late by form'), { name: 'l.pdf', content: freshPdf() });
        expect(late.statusCode).toBe(409);
        expect(late.body).toContain('The contribution deadline has passed');
      } finally {
        h.clock.set(NOW);
        await h.ctx.db.update(meetings).set({ lateContributions: 'flag' }).where(eq(meetings.id, MEETING));
      }
      expect(storedFiles(h.filesDir)).toEqual(before);
      expect(await countDocuments()).toBe(docs);
    });

    it('on revisions and templates: not the owner, withdrawn, bad content, not the secretariat', async () => {
      const owner = await signedInPerson(h);
      const other = await signedInPerson(h);
      const number = (await submit(owner.auth, 'To revise')).json().number as string;
      const withdrawnNumber = (await submit(owner.auth, 'To withdraw')).json().number as string;
      expect((await owner.agent.post(`/documents/${withdrawnNumber}/withdraw`, { _confirmed: '1' })).statusCode).toBe(303);
      const before = storedFiles(h.filesDir);
      expect((await other.agent.upload(`/documents/${number}/revise`, {}, { name: 'r.pdf', content: freshPdf() })).statusCode).toBe(403);
      expect(
        (await owner.agent.upload(`/documents/${withdrawnNumber}/revise`, {}, { name: 'w.pdf', content: freshPdf() })).statusCode,
      ).toBe(409);
      expect((await owner.agent.upload(`/documents/${number}/revise`, {}, { name: 'r.docx', content: freshPdf() })).statusCode).toBe(422);
      expect((await owner.agent.upload('/documents/FGMV-I-99999/revise', {}, { name: 'r.pdf', content: freshPdf() })).statusCode).toBe(404);
      expect((await new Agent(h).upload(`/documents/${number}/revise`, {}, { name: 'r.pdf', content: freshPdf() })).statusCode).toBe(303);
      expect(
        (await owner.agent.upload('/groups/fg-mv/template', {}, { name: 't.docx', content: await docxWith([randomUUID()]) })).statusCode,
      ).toBe(403);
      const secretariat = new Agent(h);
      const staff = await secretariatOf(h.ctx);
      await secretariat.login(staff.email, staff.password);
      expect((await secretariat.upload('/groups/fg-mv/template', {}, { name: 't.docx', content: freshPdf() })).statusCode).toBe(422);
      expect(
        (await secretariat.upload('/groups/no-such-group/template', {}, { name: 't.docx', content: await docxWith([randomUUID()]) }))
          .statusCode,
      ).toBe(404);
      expect(storedFiles(h.filesDir)).toEqual(before);
      const [row] = await h.ctx.db.select().from(documents).where(eq(documents.number, number));
      expect(row!.latestRevision).toBe(0);
    });

    it('keeps refused bytes that a document already holds', async () => {
      const { auth } = await signedInPerson(h);
      const content = freshPdf();
      expect((await submit(auth, 'Holds the bytes', { name: 'same.pdf', content })).statusCode).toBe(201);
      const before = storedFiles(h.filesDir);
      expect((await submit({}, 'Same bytes, anonymous', { name: 'same.pdf', content })).statusCode).toBe(401);
      expect((await submit(auth, 'Same bytes, wrong name', { name: 'same.xlsx', content })).statusCode).toBe(422);
      expect(storedFiles(h.filesDir)).toEqual(before);
      const doc = (await h.app.inject({ url: '/api/search?q=holds' })).json().hits[0];
      expect((await h.app.inject({ url: `/documents/${doc.number}/file` })).rawPayload.equals(content)).toBe(true);
    });
  });

  describe('the orphan sweep', () => {
    it('runs hourly and removes files nothing names once they are an hour old; whatever a table names stays', async () => {
      const { defineJobs, fileSweepKey, runJobsOnce } = await import('../src/worker.ts');
      const { jobs } = await import('../src/platform/jobs/schema.ts');
      defineJobs();
      const { auth } = await signedInPerson(h);
      const documentFile = freshPdf();
      expect((await submit(auth, 'Swept around', { name: 'kept.pdf', content: documentFile })).statusCode).toBe(201);
      const put = (label: string) => h.ctx.files.putBuffer(Buffer.from(`${label} ${randomUUID()}`));
      const [orphan, young, template, circularPdf, attachment, pending, rejected] = await Promise.all(
        ['orphan', 'young', 'template', 'circular', 'attachment', 'pending', 'rejected'].map(put),
      );
      const [group] = await h.ctx.db.select().from(groups).where(eq(groups.code, 'FG-MV'));
      await h.ctx.db.update(groups).set({ templateFileHash: template!.hash }).where(eq(groups.id, group!.id));
      await buildCircular(h.ctx, { meeting });
      const [circular] = await h.ctx.db.select().from(circulars).limit(1);
      await h.ctx.db
        .update(circulars)
        .set({ pdfFiles: sql`${circulars.pdfFiles} || ${JSON.stringify({ xx: circularPdf!.hash })}::jsonb` })
        .where(eq(circulars.id, circular!.id));
      await h.ctx.db.insert(outbox).values({
        kind: 'test',
        toAddress: 'a@example.org',
        subject: 's',
        textBody: 't',
        attachments: [{ filename: 'c.pdf', contentType: 'application/pdf', content: '', file: attachment!.hash }],
      });
      const inbound = (hash: string, status: InboundStatus) => ({
        groupId: group!.id,
        fromAddress: 'x@example.org',
        filename: 'x.pdf',
        fileHash: hash,
        fileSize: 1,
        mediaType: 'application/pdf',
        status,
      });
      await h.ctx.db.insert(inboundSubmissions).values([inbound(pending!.hash, 'pending'), inbound(rejected!.hash, 'rejected')]);
      const crashed = path.join(h.filesDir, 'tmp', 'crashed-upload');
      fs.mkdirSync(path.dirname(crashed), { recursive: true });
      fs.writeFileSync(crashed, 'half an upload');
      const [revision] = await h.ctx.db.select().from(documentRevisions).orderBy(sql`${documentRevisions.id} DESC`).limit(1);

      // Two hours on: every file here is over an hour old, except the young one (stored "now" on this clock).
      const later = new Date(Date.now() + 2 * 3_600_000);
      h.clock.set(later.toISOString());
      const fileOf = (hash: string) => path.join(h.filesDir, hash.slice(0, 2), hash.slice(2, 4), hash);
      fs.utimesSync(fileOf(young!.hash), later, later);
      try {
        await runJobsOnce(h.ctx);
        const [job] = await h.ctx.db
          .select()
          .from(jobs)
          .where(eq(jobs.key, fileSweepKey(later)));
        expect(job).toMatchObject({ kind: 'file-sweep', status: 'done' });
        const present = (hash: string) => fs.existsSync(fileOf(hash));
        expect(present(orphan!.hash)).toBe(false);
        expect(present(rejected!.hash)).toBe(false);
        expect(fs.existsSync(crashed)).toBe(false);
        expect(present(young!.hash)).toBe(true);
        for (const kept of [template!, circularPdf!, attachment!, pending!]) expect(present(kept.hash)).toBe(true);
        expect(present(revision!.fileHash)).toBe(true);
        expect((await h.app.inject({ url: '/api/search?q=swept' })).json().hits).toHaveLength(1);
        // Planned again within the hour: one sweep an hour.
        await runJobsOnce(h.ctx);
        expect(await h.ctx.db.select().from(jobs).where(eq(jobs.kind, 'file-sweep'))).toHaveLength(1);
      } finally {
        h.clock.set(NOW);
        await h.ctx.db.update(groups).set({ templateFileHash: null }).where(eq(groups.id, group!.id));
      }
    });

    it('knows every column of the database that holds a stored file', async () => {
      const { fileReferences } = await import('../src/platform/files/references.ts');
      const declared = new Set(fileReferences.map((r) => `${getTableName(r.column.table)}.${r.column.name}`));
      const columns = rowsOf<{ table_name: string; column_name: string }>(
        await h.ctx.db.execute(sql`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'`),
      );
      const undeclared = columns
        .map((c) => `${c.table_name}.${c.column_name}`)
        .filter((name) => looksLikeFileColumn(name) && !declared.has(name) && !notFileColumns.has(name));
      expect(undeclared).toEqual([]);
      expect(declared.size).toBeGreaterThanOrEqual(5);
    });
  });

  describe('submissions are idempotent', () => {
    it('on the API: the same Idempotency-Key returns the first document; a different request under it is refused', async () => {
      const { auth } = await signedInPerson(h);
      const file = { name: 'once.pdf', content: freshPdf() };
      const key = { ...auth, 'idempotency-key': `k-${randomUUID()}` };
      const [counter] = await h.ctx.db.select().from(documentCounters);
      const first = await submit(key, 'Sent once', file);
      expect(first.statusCode).toBe(201);
      const again = await submit(key, 'Sent once', file);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual(first.json());
      const before = storedFiles(h.filesDir);
      const docs = await countDocuments();
      const other = await submit(key, 'Another title under the same key', { name: 'other.pdf', content: freshPdf() });
      expect(other.statusCode).toBe(422);
      expect(other.json().code).toBe('idempotency-key-reused');
      expect(storedFiles(h.filesDir)).toEqual(before);
      expect(await countDocuments()).toBe(docs);
      const [after] = await h.ctx.db.select().from(documentCounters);
      expect(after!.last).toBe(counter!.last + 1);
      // Keys belong to their account: someone else's same key is theirs alone.
      const { auth: otherAuth } = await signedInPerson(h);
      expect((await submit({ ...otherAuth, 'idempotency-key': key['idempotency-key'] }, 'Sent once', file)).statusCode).toBe(201);
      expect((await submit({ ...auth, 'idempotency-key': 'x'.repeat(201) }, 'Long key')).statusCode).toBe(422);
    });

    it('10 parallel submissions with one key make one document', async () => {
      const { auth } = await signedInPerson(h);
      const headers = { ...auth, 'idempotency-key': randomUUID() };
      const file = { name: 'parallel.pdf', content: freshPdf() };
      const docs = await countDocuments();
      const results = await Promise.all(Array.from({ length: 10 }, () => submit(headers, 'Parallel', file)));
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      expect(new Set(results.map((r) => r.json().number)).size).toBe(1);
      expect(await countDocuments()).toBe(docs + 1);
      const [doc] = await h.ctx.db.select().from(documents).where(eq(documents.number, results[0]!.json().number));
      expect(await h.ctx.db.select().from(documentRevisions).where(eq(documentRevisions.documentId, doc!.id))).toHaveLength(1);
    });

    it('on the web forms: a double click submits once, and two people double-clicking at once make one document each', async () => {
      const a = await signedInPerson(h);
      const b = await signedInPerson(h);
      const keyOf = async (agent: Agent, url: string) => {
        const page = await agent.get(url);
        const key = page.body.match(/name="_idem" value="([^"]+)"/)?.[1];
        expect(key).toBeTruthy();
        return key!;
      };
      const [keyA, keyB] = [
        await keyOf(a.agent, `/meetings/${MEETING}/documents/new`),
        await keyOf(b.agent, `/meetings/${MEETING}/documents/new`),
      ];
      expect(keyA).not.toBe(keyB);
      const docs = await countDocuments();
      const click = (p: typeof a, key: string, file: Uint8Array) =>
        p.agent.upload(
          `/meetings/${MEETING}/documents`,
          { _idem: key, ...contributionFields('Double-clicked') },
          { name: 'dc.pdf', content: file },
        );
      const fileA = freshPdf();
      const fileB = freshPdf();
      const clicks = await Promise.all([click(a, keyA, fileA), click(a, keyA, fileA), click(b, keyB, fileB), click(b, keyB, fileB)]);
      expect(clicks.map((r) => r.statusCode)).toEqual([303, 303, 303, 303]);
      const numbers = clicks.map((r) => r.headers.location!.match(/\/documents\/([^?]+)/)![1]);
      expect(numbers[0]).toBe(numbers[1]);
      expect(numbers[2]).toBe(numbers[3]);
      expect(numbers[0]).not.toBe(numbers[2]);
      expect(await countDocuments()).toBe(docs + 2);

      // The revision form too.
      const number = numbers[0]!;
      const revKey = await keyOf(a.agent, `/documents/${number}/revise`);
      const revFile = freshPdf();
      const revs = await Promise.all(
        [0, 1].map(() => a.agent.upload(`/documents/${number}/revise`, { _idem: revKey }, { name: 'r1.pdf', content: revFile })),
      );
      expect(revs.map((r) => r.statusCode)).toEqual([303, 303]);
      const [row] = await h.ctx.db.select().from(documents).where(eq(documents.number, number));
      expect(row!.latestRevision).toBe(1);
      // A refused form comes back with a new key, so fixing it and sending again works.
      const refused = await a.agent.upload(
        `/meetings/${MEETING}/documents`,
        { _idem: keyA, ...contributionFields('') },
        { name: 'x.pdf', content: freshPdf() },
      );
      expect(refused.statusCode).toBe(422);
      expect(refused.body.match(/name="_idem" value="([^"]+)"/)?.[1]).not.toBe(keyA);
    });

    it('says so in the OpenAPI document', async () => {
      const spec = (await h.app.inject({ url: '/api/docs/json' })).json();
      const post = spec.paths['/api/meetings/{id}/documents'].post;
      expect(post.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'idempotency-key' })]));
      // 415: a body that is not multipart/form-data; 500: a fault of ours (declared on every operation).
      expect(Object.keys(post.responses).sort()).toEqual([
        '200',
        '201',
        '400',
        '401',
        '403',
        '404',
        '409',
        '413',
        '414',
        '415',
        '422',
        '500',
        '503',
      ]);
      expect(post.responses['422'].content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
      expect(spec.components.schemas.Problem.properties).toHaveProperty('code');
      expect(Object.keys(post.requestBody.content)).toEqual(['multipart/form-data']);
    });
  });

  describe('hostile files', () => {
    it('are stored, findable by their details, with text bounded in total — by the web and by mail — and the server still answers', async () => {
      const { auth, user } = await signedInPerson(h);
      // Four slides of empty runs (22 MB of XML each: none over a limit alone, 90 MB together, past the
      // 32 MB read in all), then a fifth whose word lies past the total limit.
      const marked = zipOf([
        { name: '[Content_Types].xml', data: '<Types/>' },
        { name: 'ppt/presentation.xml', data: '<p:presentation/>' },
        ...[1, 2, 3, 4].map((n) => ({
          name: `ppt/slides/slide${n}.xml`,
          head: '<p:sld><a:p><a:r><a:t>zebrafirst</a:t></a:r></a:p>',
          body: '<a:p><a:r><a:rPr lang="en-US"/></a:r></a:p>'.repeat(20_000),
          times: 25,
          tail: '</p:sld>',
        })),
        { name: 'ppt/slides/slide5.xml', data: '<p:sld><a:p><a:r><a:t>zebrapastlimit</a:t></a:r></a:p></p:sld>' },
      ]);
      expect(marked.length).toBeLessThan(2 * 1024 * 1024);
      const res = await apiPost(`/api/meetings/${MEETING}/documents`, auth, details('Quagga hostile deck'), {
        name: 'deck.pptx',
        content: marked,
      });
      expect(res.statusCode).toBe(201);
      const number = res.json().number as string;
      const [doc] = await h.ctx.db.select().from(documents).where(eq(documents.number, number));
      const [revision] = await h.ctx.db.select().from(documentRevisions).where(eq(documentRevisions.documentId, doc!.id));
      expect(revision!.text.length).toBeLessThanOrEqual(200_000);
      expect(revision!.text).toContain('zebrafirst');
      expect(revision!.text).not.toContain('zebrapastlimit');
      expect((await h.app.inject({ url: '/api/search?q=quagga' })).json().hits.map((x: { number: string }) => x.number)).toEqual([number]);
      expect((await h.app.inject({ url: '/healthz' })).statusCode).toBe(200);

      // The same file by mail takes the same bounded path.
      await h.ctx.db.update(groups).set({ contributionEmail: 'contrib@fgmv.example' }).where(eq(groups.code, 'FG-MV'));
      const outcome = await receiveContribution(h.ctx, {
        from: user.email,
        to: ['contrib@fgmv.example'],
        subject: 'Quagga by mail',
        senderCheck: 'aligned',
        attachments: [{ filename: 'deck.pptx', content: marked }],
      });
      expect(outcome.kind).toBe('numbered');
      const mailed = (outcome as { number: string }).number;
      const [mailedDoc] = await h.ctx.db.select().from(documents).where(eq(documents.number, mailed));
      const [mailedRevision] = await h.ctx.db.select().from(documentRevisions).where(eq(documentRevisions.documentId, mailedDoc!.id));
      expect(mailedRevision!.text).toContain('zebrafirst');
      expect(mailedRevision!.text).not.toContain('zebrapastlimit');
      expect((await h.app.inject({ url: '/api/search?q=quagga' })).json().hits).toHaveLength(2);
    });

    it('four at once, all stored', async () => {
      const people = await Promise.all([0, 1, 2, 3].map(() => signedInPerson(h)));
      const results = await Promise.all(
        people.map((p, i) =>
          apiPost(`/api/meetings/${MEETING}/documents`, p.auth, details(`Hostile ${i}`), {
            name: `h${i}.pptx`,
            content: hostilePptx({ slides: 10, slideMegabytes: 8 + i, fill: i % 2 ? 'text' : 'markup' }),
          }),
        ),
      );
      expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
      expect((await h.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    });
  });
});
