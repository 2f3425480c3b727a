import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from './support/agent.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';

/** The server's log, line by line, as an operator would read it. */
class LogCapture {
  lines: string[] = [];
  write(chunk: string) {
    this.lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  }
  get text() {
    return this.lines.join('\n');
  }
}

describe.each(databaseKinds)('logs carry no personal data (%s)', (kind) => {
  let h: Harness;
  const log = new LogCapture();

  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-06T08:00:00Z', { logStream: log });
    // A database failure in the middle of a sign-up, whose message itself quotes the address.
    await h.ctx.db.execute(
      sql.raw(
        `CREATE FUNCTION refuse_account() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'cannot store %', NEW.email; END $$`,
      ),
    );
    await h.ctx.db.execute(
      sql.raw('CREATE TRIGGER refuse_account BEFORE INSERT ON signup_requests FOR EACH ROW EXECUTE FUNCTION refuse_account()'),
    );
  });
  afterAll(() => h.close());

  it('a failed query is logged by its type, SQLSTATE and SQL — without its parameters: no e-mail, no argon2 hash', async () => {
    const agent = new Agent(h);
    const email = 'kim.minji@example.org';
    const res = await agent.post('/signup', {
      email,
      password: 'correct horse battery',
      givenName: 'Minji',
      familyName: 'Kim',
      country: 'KR',
      category: 'member-state',
    });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain(email);

    const failure = log.lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'request failed');
    expect(failure).toBeDefined();
    expect(failure.err.type).toBe('DrizzleQueryError');
    expect(failure.err.message).toMatch(/^Failed query: insert into "signup_requests"/);
    expect(failure.err.cause.code).toBe('P0001');
    expect(failure.err.stack.length).toBeGreaterThan(0);
    expect(log.text).not.toContain(email);
    expect(log.text).not.toContain('argon2');
    expect(log.text).not.toContain('correct horse');
  });

  it('request lines name the path without its query string', async () => {
    await h.app.inject({ url: '/search?q=kim.minji%40example.org+passport' });
    const lines = log.lines.map((l) => JSON.parse(l)).filter((l) => l.req?.url?.startsWith('/search'));
    expect(lines.map((l) => l.req.url)).toContain('/search');
    expect(log.text).not.toContain('kim.minji');
    expect(log.text).not.toContain('passport');
  });
});
