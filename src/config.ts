import path from 'node:path';
import { z } from 'zod';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  FILE_STORE: z.string().optional(),
  AWS_ENDPOINT_URL_S3: z.string().url().optional(),
  AWS_ENDPOINT_URL: z.string().url().optional(),
  AWS_REGION: z.string().optional(),
  BASE_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  SMTP_IN_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  SMTP_IN_HOST: z.string().default('127.0.0.1'),
  INBOUND_RATE_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(20),
  INBOUND_TRUSTED_AUTHSERV_IDS: z.string().optional(),
  INBOUND_QUEUE_MAX_PER_GROUP: z.coerce.number().int().min(0).max(100_000).default(100),
  INBOUND_QUEUE_MAX_PER_SENDER: z.coerce.number().int().min(0).max(100_000).default(5),
  INBOUND_QUEUE_MAX_MB: z.coerce.number().int().min(0).max(1_000_000).default(500),
  CONVENE_DATA_KEY: z.string().optional(),
  CONVENE_DATA_KEYS_OLD: z.string().optional(),
  PASSPORT_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  REMINDER_DAYS_BEFORE: z.coerce.number().int().min(0).max(60).default(3),
  MAIL_FROM: z.string().default('convene <no-reply@localhost>'),
  LETTERHEAD: z
    .string()
    .default(
      'International Telecommunication Union|Telecommunication Standardization Bureau|Place des Nations, CH-1211 Geneva 20, Switzerland',
    ),
  LETTER_PLACE: z.string().default('Geneva'),
  CONVENE_BENCH: z.enum(['0', '1']).default('0'),
  LETTER_SIGNATURE: z.string().default('For the Director of the Telecommunication Standardization Bureau'),
  TRUSTED_PROXIES: z.string().optional(),
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Where uploaded files live: a folder (the default, DATA_DIR/files) or an S3-compatible bucket. */
export type FileStoreConfig =
  | { kind: 'disk'; root: string }
  | {
      kind: 's3';
      bucket: string;
      /** '' or ending in '/'. */
      prefix: string;
      /** AWS_ENDPOINT_URL_S3 (or AWS_ENDPOINT_URL): MinIO, R2…; path-style addressing then. Absent: AWS. */
      endpoint: string | undefined;
      region: string | undefined;
    };

const bucketPattern = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const prefixSegment = /^[A-Za-z0-9._-]+$/;

/** `s3://BUCKET/PREFIX` → the store's configuration; anything else is an error saying what is expected. */
function parseFileStore(
  value: string | undefined,
  dataDir: string,
  env: { endpoint?: string | undefined; region?: string | undefined } = {},
): FileStoreConfig {
  if (value === undefined || value.trim() === '') return { kind: 'disk', root: path.join(dataDir, 'files') };
  const expected =
    'expected s3://BUCKET or s3://BUCKET/PREFIX (bucket: 3–63 lower-case letters, digits, dots and hyphens; prefix: folders of letters, digits, . _ -)';
  const match = /^s3:\/\/([^/]*)(?:\/(.*))?$/.exec(value.trim());
  if (!match) throw new Error(`Invalid configuration:\n  FILE_STORE: ${expected}`);
  const bucket = match[1]!;
  const segments = (match[2] ?? '').split('/').filter(Boolean);
  if (!bucketPattern.test(bucket) || bucket.includes('..'))
    throw new Error(`Invalid configuration:\n  FILE_STORE: bucket "${bucket}" is not a valid bucket name; ${expected}`);
  if (segments.some((s) => !prefixSegment.test(s) || s === '.' || s === '..'))
    throw new Error(`Invalid configuration:\n  FILE_STORE: invalid prefix; ${expected}`);
  return { kind: 's3', bucket, prefix: segments.length ? `${segments.join('/')}/` : '', endpoint: env.endpoint, region: env.region };
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL server URL; absent means the embedded PGlite database in dataDir. */
  databaseUrl: string | undefined;
  fileStore: FileStoreConfig;
  /** Public origin used for every link in mails and feeds; never taken from the Host header. */
  baseUrl: string;
  smtpUrl: string | undefined;
  /** The inbound listener for contributions by e-mail (`--smtp-in`). */
  smtpInPort: number;
  smtpInHost: string;
  /** Mails a sender may send to contribution addresses per hour. */
  inboundRatePerHour: number;
  /**
   * authserv-ids of the relay whose Authentication-Results header is believed (its topmost one only);
   * when set, a mail's From is trusted only if that header says DMARC passed for it.
   */
  inboundTrustedAuthservIds: string[];
  /** How much mail from senders without an account may wait for the secretariat. */
  inboundQueue: { maxPerGroup: number; maxPerSender: number; maxBytes: number };
  dataKey: string | undefined;
  /** Keys being rotated out: still used to read, never to write. */
  oldDataKeys: string[];
  /** Days after a meeting ends before its passport data and visa letters are purged. */
  passportRetentionDays: number;
  /** Reminders of the registration, visa-support and contribution deadlines go out this many days before. */
  reminderDaysBefore: number;
  mailFrom: string;
  /** Visa letters: letterhead lines, place, and signature line. */
  letterhead: string[];
  letterPlace: string;
  letterSignature: string;
  /** Exposes POST /bench/bare (one INSERT, nothing else) for `npm run bench:registration`. Never in production. */
  benchEndpoints: boolean;
  /** Addresses or CIDRs whose X-Forwarded-For is trusted; empty trusts none. */
  trustedProxies: string[];
  logLevel: string;
  /** When set, GET /metrics answers only requests with `Authorization: Bearer <this>`. */
  metricsToken: string | undefined;
  /** How long a stopping server lets requests in flight finish before closing their connections. */
  shutdownGraceMs: number;
  /** Cookies get the Secure flag when the public origin is https. */
  secureCookies: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    fileStore: parseFileStore(e.FILE_STORE, path.resolve(e.DATA_DIR), {
      endpoint: e.AWS_ENDPOINT_URL_S3 ?? e.AWS_ENDPOINT_URL,
      region: e.AWS_REGION,
    }),
    baseUrl,
    smtpUrl: e.SMTP_URL,
    smtpInPort: e.SMTP_IN_PORT,
    smtpInHost: e.SMTP_IN_HOST,
    inboundRatePerHour: e.INBOUND_RATE_PER_HOUR,
    inboundTrustedAuthservIds: (e.INBOUND_TRUSTED_AUTHSERV_IDS ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
    inboundQueue: {
      maxPerGroup: e.INBOUND_QUEUE_MAX_PER_GROUP,
      maxPerSender: e.INBOUND_QUEUE_MAX_PER_SENDER,
      maxBytes: e.INBOUND_QUEUE_MAX_MB * 1024 * 1024,
    },
    dataKey: e.CONVENE_DATA_KEY,
    oldDataKeys: (e.CONVENE_DATA_KEYS_OLD ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    passportRetentionDays: e.PASSPORT_RETENTION_DAYS,
    reminderDaysBefore: e.REMINDER_DAYS_BEFORE,
    mailFrom: e.MAIL_FROM,
    letterhead: e.LETTERHEAD.split('|')
      .map((s) => s.trim())
      .filter(Boolean),
    letterPlace: e.LETTER_PLACE,
    letterSignature: e.LETTER_SIGNATURE,
    benchEndpoints: e.CONVENE_BENCH === '1',
    trustedProxies: (e.TRUSTED_PROXIES ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    secureCookies: baseUrl.startsWith('https://'),
  };
}
