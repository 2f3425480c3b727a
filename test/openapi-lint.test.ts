import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/harness.ts';

/**
 * The generated OpenAPI document passes Redocly's linter (its recommended rules, @redocly/cli pinned in
 * devDependencies): no error, and no warning either — a rule worth breaking on purpose would be listed
 * here with its reason. The CLI runs offline: no telemetry, no update check.
 */
const cli = path.resolve(import.meta.dirname, '../node_modules/@redocly/cli/bin/cli.js');

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
}

describe('the OpenAPI document', () => {
  let h: Harness;
  let dir: string;
  beforeAll(async () => {
    h = await startHarness('pglite');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-openapi-'));
  }, 60_000);
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await h.close();
  });

  it('passes redocly lint (recommended rules) without errors or warnings', async () => {
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, (await h.app.inject({ url: '/api/docs/json' })).body);
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
    // Exit code 1 when there are errors: the report is read either way.
    const output = await promisify(execFile)(process.execPath, [cli, 'lint', file, '--format=json'], {
      env,
      cwd: dir,
      maxBuffer: 32 << 20,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(output.stdout) as LintReport;
    const found = report.problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} (${p.location[0]?.pointer ?? ''})`);
    expect(found.filter((p) => p.startsWith('error'))).toEqual([]);
    expect(found).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);
});
