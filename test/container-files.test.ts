/**
 * The container files cannot be built here (no Docker daemon, no image registry), so they are checked as
 * text: the Dockerfile's COPY sources exist, its final stage installs production dependencies only, runs
 * as a non-root user, probes /healthz and runs the documented command; compose.yaml parses and wires
 * PostgreSQL, the S3-compatible store, two `serve --no-worker` instances and one `worker`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repo = path.resolve(import.meta.dirname, '..');
const read = (name: string) => fs.readFileSync(path.join(repo, name), 'utf8');

interface Instruction {
  op: string;
  args: string;
}

/** Instructions per stage, continuation lines joined, comments dropped. */
function dockerStages(text: string): Instruction[][] {
  const stages: Instruction[][] = [];
  const joined = text.replace(/\\\n/g, ' ');
  for (const line of joined.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const [, op = '', args = ''] = /^(\S+)\s*(.*)$/.exec(trimmed) ?? [];
    if (op.toUpperCase() === 'FROM') stages.push([]);
    stages.at(-1)?.push({ op: op.toUpperCase(), args });
  }
  return stages;
}

describe('Dockerfile', () => {
  const stages = dockerStages(read('Dockerfile'));
  const final = stages.at(-1)!;

  it('is multi-stage and copies only what exists (or what the build stage made)', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) {
      for (const { op, args } of stage.filter((i) => i.op === 'COPY')) {
        if (args.startsWith('--from=')) {
          expect(op).toBe('COPY');
          expect(args).toMatch(
            /^--from=build (--chown=node:node )?\/app\/(dist \.\/dist|node_modules\/\.cache\/convene \.\/node_modules\/\.cache\/convene)$/,
          );
          continue;
        }
        const parts = args.split(/\s+/);
        for (const source of parts.slice(0, -1)) expect(fs.existsSync(path.join(repo, source)), `COPY source ${source}`).toBe(true);
      }
    }
    expect(stages[0]!.some((i) => i.op === 'RUN' && i.args.includes('npm run build'))).toBe(true);
    // Everything `npm run build` reads reaches the build stage.
    const copied = stages[0]!.filter((i) => i.op === 'COPY').flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    for (const input of [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'tsconfig.build.json',
      'scripts',
      'src',
      'demo',
      'migrations',
      'public',
    ]) {
      expect(copied, `build stage copies ${input}`).toContain(input);
    }
  });

  it('installs production dependencies only in the final stage, as a non-root user, no apt fonts', () => {
    const runs = final.filter((i) => i.op === 'RUN').map((i) => i.args);
    expect(runs.some((r) => /npm ci .*--omit=dev/.test(r))).toBe(true);
    expect(read('Dockerfile')).not.toMatch(/apt-get|fonts-/);
    const user = final.filter((i) => i.op === 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
  });

  it('declares DATA_DIR a volume, probes /healthz and runs the documented production command', () => {
    const env = final
      .filter((i) => i.op === 'ENV')
      .map((i) => i.args)
      .join(' ');
    const dataDir = /DATA_DIR=(\S+)/.exec(env)?.[1];
    expect(dataDir).toBe('/data');
    expect(final.find((i) => i.op === 'VOLUME')?.args).toContain(`"${dataDir}"`);
    expect(final.find((i) => i.op === 'HEALTHCHECK')?.args).toMatch(/\/healthz/);
    const cmd = JSON.parse(final.find((i) => i.op === 'CMD')!.args) as string[];
    expect(cmd).toEqual(['node', 'dist/main.js', 'serve']);
    // The README documents the same entry point.
    expect(read('README.md')).toContain('node dist/main.js serve');
  });

  it('keeps the build context small (.dockerignore)', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['node_modules', '.git', 'data', 'dist']) expect(ignored).toContain(entry);
  });
});

describe('compose.yaml', () => {
  type Service = {
    command?: string[];
    environment?: Record<string, string>;
    depends_on?: Record<string, unknown>;
    image?: string;
    build?: string;
  };
  const compose = parse(read('compose.yaml'), { merge: true }) as { services: Record<string, Service> };
  const services = compose.services;

  it('has PostgreSQL, an S3-compatible store, two web instances without worker, and one worker', () => {
    expect(services.postgres?.image).toMatch(/^postgres:/);
    expect(services.minio?.image).toMatch(/^minio\//);
    const commands = Object.values(services).map((s) => s.command?.join(' ') ?? '');
    expect(commands.filter((c) => c === 'node dist/main.js serve --no-worker')).toHaveLength(2);
    expect(commands.filter((c) => c.startsWith('node dist/main.js worker'))).toHaveLength(1);
  });

  it('gives every convene service the database, the file store and the AWS SDK variables', () => {
    const convene = Object.values(services).filter((s) => s.command?.[1] === 'dist/main.js');
    expect(convene).toHaveLength(3);
    for (const s of convene) {
      expect(s.build).toBe('.');
      const env = s.environment!;
      expect(env.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
      expect(env.FILE_STORE).toMatch(/^s3:\/\/[a-z0-9.-]{3,63}\/\S+$/);
      for (const name of ['AWS_ENDPOINT_URL_S3', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'CONVENE_DATA_KEY'])
        expect(env[name], name).toBeTruthy();
      expect(env.AWS_ENDPOINT_URL_S3).toBe('http://minio:9000');
      expect(Object.keys(s.depends_on ?? {})).toEqual(expect.arrayContaining(['postgres', 'bucket']));
    }
    // The bucket FILE_STORE names is the one created.
    const bucket = /^s3:\/\/([^/]+)\//.exec(convene[0]!.environment!.FILE_STORE!)![1];
    expect(JSON.stringify(services.bucket)).toContain(`store/${bucket}`);
  });
});
