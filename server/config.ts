import { defaultMeaningfulChange } from '@shared/goals/gbo';
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** Where people reach the app; used in invitation links and for the same-origin check. */
  publicUrl: string;
  dataDir: string;
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
  /** Per-IP limit for sign-in and invitation routes, per 15 minutes. */
  authRateLimit: number;
  /** Per-IP limit for public survey submissions, per 15 minutes. */
  surveyRateLimit: number;
  /** How often to look for event reminders that have fallen due. */
  reminderIntervalSeconds: number;
  /** Programme setting: the change in a goal's 0–10 rating counted as meaningful progress. */
  meaningfulGboChange: number;
  /** Outgoing bytes a board connection may have waiting before it is cut off to catch up later. */
  collabMaxBufferedBytes: number;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  const host = env.HOST ?? '0.0.0.0';
  return {
    port,
    host,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    redisUrl: env.REDIS_URL || undefined,
    redisPrefix: env.REDIS_PREFIX || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Link Programme <linkprogramme@localhost>',
    seedDemo: env.SEED_DEMO !== '0',
    demoPassword: env.DEMO_PASSWORD || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    sessionTtlHours: Number(env.SESSION_TTL_HOURS ?? 12),
    invitationTtlDays: Number(env.INVITATION_TTL_DAYS ?? 14),
    clientDir: env.CLIENT_DIR === '' ? undefined : path.resolve(env.CLIENT_DIR ?? 'dist/client'),
    authRateLimit: Number(env.AUTH_RATE_LIMIT ?? 30),
    surveyRateLimit: Number(env.SURVEY_RATE_LIMIT ?? 200),
    reminderIntervalSeconds: Number(env.REMINDER_INTERVAL_SECONDS ?? 300),
    meaningfulGboChange: Number(env.MEANINGFUL_GBO_CHANGE ?? defaultMeaningfulChange),
    // Several full-size (1 MiB) frames: a join's sync fits, a reader that stopped does not.
    collabMaxBufferedBytes: Number(env.COLLAB_MAX_BUFFERED_BYTES ?? 8 * 1024 * 1024),
  };
}
