import { defaultMeaningfulChange } from '@shared/goals/gbo';
import path from 'node:path';
import { z } from 'zod';

export interface Config {
  /** NODE_ENV=production (the default when unset): unsafe defaults are refused, see `productionRules`. */
  production: boolean;
  port: number;
  host: string;
  /** Where people reach the app; used in invitation links and for the same-origin check. */
  publicUrl: string;
  dataDir: string;
  /** PostgreSQL, where everything is kept when set (required with several processes); else SQLite in `dataDir`. */
  databaseUrl?: string;
  /** The PostgreSQL schema the tables live in ("public" unless set). */
  databaseSchema?: string;
  /** Redis, only to fan out between processes (never the only copy of anything). */
  redisUrl?: string;
  redisPrefix?: string;
  smtpUrl?: string;
  mailFrom: string;
  seedDemo: boolean;
  demoPassword?: string;
  logLevel: string;
  sessionTtlHours: number;
  invitationTtlDays: number;
  /** Built client to serve; absent in API-only tests. */
  clientDir?: string;
  trustProxy: string;
  /** Months after a site's programme year ends that its survey and evaluation answers are kept. */
  retentionMonths: number;
  /** Per-IP limit for sign-in and invitation routes, per 15 minutes. */
  authRateLimit: number;
  /** Per-IP limit for public survey submissions, per 15 minutes. */
  surveyRateLimit: number;
  /** Actions one person may send one meeting in 10 seconds (server/meetings/action-limit.ts). */
  meetingActionLimit: number;
  /** How often to look for event reminders that have fallen due. */
  reminderIntervalSeconds: number;
  /** Programme setting: the change in a goal's 0–10 rating counted as meaningful progress. */
  meaningfulGboChange: number;
  /** Outgoing bytes a board connection may have waiting before it is cut off to catch up later. */
  collabMaxBufferedBytes: number;
  /** How often each board connection is pinged; one that missed the previous ping is dropped. */
  collabHeartbeatMs: number;
  /** On SIGTERM, how long readiness says 503 while everything is still served, before connections close. */
  drainSeconds: number;
  /** FULL: an fsync per SQLite write, to survive power loss too. */
  sqliteSynchronous: 'NORMAL' | 'FULL';
}

/** A whole number from the environment, within bounds; the message says what was expected. */
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const Url = (schemes: string[]) => z.string().refine((value) => URL.canParse(value) && schemes.includes(new URL(value).protocol), `must be a ${schemes.join(' or ')} URL`);

const zeroOrOne = z.enum(['0', '1'], { error: 'must be 0 or 1' });

/** Every setting the server reads, checked once at start-up. */
const Env = z.object({
  NODE_ENV: z.string().optional(),
  PORT: wholeNumber(0, 65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: Url(['http:', 'https:']).optional(),
  DATA_DIR: z.string().default('data'),
  DATABASE_URL: Url(['postgres:', 'postgresql:']).optional(),
  DATABASE_SCHEMA: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'must be a PostgreSQL schema name: letters, digits and underscores').optional(),
  REDIS_URL: Url(['redis:', 'rediss:']).optional(),
  REDIS_PREFIX: z.string().optional(),
  SMTP_URL: Url(['smtp:', 'smtps:']).optional(),
  MAIL_FROM: z.string().default('Link Programme <linkprogramme@localhost>'),
  MAIL_TO_FILES: zeroOrOne.optional(),
  // Unset: the demo is seeded outside production only.
  SEED_DEMO: zeroOrOne.optional(),
  DEMO_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace or silent' }).default('info'),
  SESSION_TTL_HOURS: wholeNumber(1, 24 * 90).default(12),
  INVITATION_TTL_DAYS: wholeNumber(1, 90).default(14),
  CLIENT_DIR: z.string().optional(),
  AUTH_RATE_LIMIT: wholeNumber(1, 1_000_000).default(30),
  SURVEY_RATE_LIMIT: wholeNumber(1, 1_000_000).default(200),
  MEETING_ACTION_LIMIT: wholeNumber(1, 1_000_000).default(300),
  REMINDER_INTERVAL_SECONDS: wholeNumber(1, 86_400).default(300),
  MEANINGFUL_GBO_CHANGE: wholeNumber(1, 10).default(defaultMeaningfulChange),
  RETENTION_MONTHS: wholeNumber(1, 240).default(12),
  SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL'], { error: 'must be NORMAL or FULL' }).default('NORMAL'),
  // Several full-size (1 MiB) frames: a join's sync fits, a reader that stopped does not.
  COLLAB_MAX_BUFFERED_BYTES: wholeNumber(64 * 1024, 1024 * 1024 * 1024).default(8 * 1024 * 1024),
  COLLAB_HEARTBEAT_MS: wholeNumber(150, 600_000).default(15_000),
  // Unset: 5 s in production (long enough for a balancer checking readiness every few seconds), else none.
  DRAIN_SECONDS: wholeNumber(0, 600).optional(),
  // Which proxies may say who the client is (X-Forwarded-For), in express's words: rate limits key on it.
  TRUST_PROXY: z.string().regex(/^[\w.:/, -]+$/, 'must be express "trust proxy" names or addresses, such as loopback or uniquelocal').default('loopback'),
}).superRefine(productionRules);

/**
 * In production a default that suits a trial on a laptop is refused, naming the setting: links
 * pointing at localhost, mail piling up unread in a folder, cookies sent over plain HTTP. (The
 * demo site, with an account that may administer everyone, is simply not seeded unless
 * SEED_DEMO=1 says so.)
 */
function productionRules(env: { NODE_ENV?: string; PUBLIC_URL?: string; SMTP_URL?: string; MAIL_TO_FILES?: string; REDIS_URL?: string; DATABASE_URL?: string }, context: z.RefinementCtx): void {
  // Redis joins several processes; each would otherwise keep its own embedded database.
  if (env.REDIS_URL !== undefined && env.DATABASE_URL === undefined) {
    context.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'is required with REDIS_URL: several processes keep their data in PostgreSQL, and Redis only passes messages between them' });
  }
  // Both given: which one is meant is not clear.
  if (env.SMTP_URL !== undefined && env.MAIL_TO_FILES === '1') context.addIssue({ code: 'custom', path: ['MAIL_TO_FILES'], message: 'must not be 1 when SMTP_URL is set: choose one way to send mail' });
  if (env.NODE_ENV !== 'production') return;
  const inProduction = 'in production (NODE_ENV=production)';
  if (env.PUBLIC_URL === undefined) context.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: `is required ${inProduction}: the https address people reach the app at, used in every link sent` });
  else if (URL.canParse(env.PUBLIC_URL) && new URL(env.PUBLIC_URL).protocol !== 'https:') context.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: `must be an https: URL ${inProduction}` });
  if (env.SMTP_URL === undefined && env.MAIL_TO_FILES !== '1') {
    context.addIssue({ code: 'custom', path: ['SMTP_URL'], message: `is required ${inProduction}, or MAIL_TO_FILES=1 to write mail into DATA_DIR/outbox on purpose` });
  }
}

/** A setting that could not be used: the message names each variable and what is wrong with it. */
export class ConfigError extends Error {
  constructor(
    message: string,
    /** The variables at fault, for the log line. */
    readonly settings: string[],
  ) {
    super(message);
  }
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset, except CLIENT_DIR, where empty means "serve no client".
  const given = Object.fromEntries(Object.entries(env).filter(([name, value]) => value !== '' || name === 'CLIENT_DIR'));
  const parsed = Env.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}${typeof env[String(issue.path[0])] === 'string' ? ` (it is "${env[String(issue.path[0])]}")` : ''}`);
    throw new ConfigError(`The server's settings are not right:\n${problems.join('\n')}`, [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))]);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  return {
    production,
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    seedDemo: e.SEED_DEMO === undefined ? !production : e.SEED_DEMO === '1',
    demoPassword: e.DEMO_PASSWORD,
    logLevel: e.LOG_LEVEL,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    invitationTtlDays: e.INVITATION_TTL_DAYS,
    clientDir: e.CLIENT_DIR === '' ? undefined : path.resolve(e.CLIENT_DIR ?? 'dist/client'),
    authRateLimit: e.AUTH_RATE_LIMIT,
    surveyRateLimit: e.SURVEY_RATE_LIMIT,
    meetingActionLimit: e.MEETING_ACTION_LIMIT,
    reminderIntervalSeconds: e.REMINDER_INTERVAL_SECONDS,
    meaningfulGboChange: e.MEANINGFUL_GBO_CHANGE,
    collabMaxBufferedBytes: e.COLLAB_MAX_BUFFERED_BYTES,
    collabHeartbeatMs: e.COLLAB_HEARTBEAT_MS,
    trustProxy: e.TRUST_PROXY,
    retentionMonths: e.RETENTION_MONTHS,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    drainSeconds: e.DRAIN_SECONDS ?? (production ? 5 : 0),
  };
}
