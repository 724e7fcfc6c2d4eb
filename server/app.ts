import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import express from 'express';
import expressStaticGzip from 'express-static-gzip';
import { pinoHttp } from 'pino-http';
import { authRoutes } from './auth/routes';
import { signInPageRoutes } from './auth/sign-in-page';
import { firstRenderRoutes } from './http/first-render';
import { accountRoutes } from './auth/account-routes';
import { passwordRoutes } from './auth/password-routes';
import { adminRoutes } from './admin/routes';
import { loadUser } from './auth/sessions';
import { DocRegistry } from './collab/doc-registry';
import { attachCollabEndpoint } from './collab/websocket';
import type { Config } from './config';
import { errorHandler, HttpError } from './http/errors';
import { authRateLimit, passwordLinkRateLimits, sameOriginJson, securityHeaders, submissionRateLimit } from './http/security';
import { createLogger, loggablePath, type Logger } from './log';
import { requestIds } from './http/request-id';
import { requestDrain } from './http/drain';
import { createMailer } from './mail/mailer';
import { admitToMeetingBoard, meetingBoardPolicy, MeetingPauses } from './meetings/board-policy';
import { FacilitationService } from './meetings/facilitation-service';
import { meetingRoutes } from './meetings/routes';
import { runOfShowRoutes } from './meetings/run-of-show-routes';
import { attachMeetingEvents } from './meetings/socket';
import { attachRealtime } from './realtime/socket';
import { goalRoutes } from './goals/routes';
import { directoryRoutes } from './directory/routes';
import { programmeRoutes } from './programme/routes';
import { timelineRoutes } from './programme/timeline-routes';
import { sendDueReminders } from './programme/reminders';
import { sendDueCheckInReminders } from './goals/check-in-reminders';
import { goalThreadRoutes } from './goals/thread-routes';
import { runJob, startPeriodicJobs } from './jobs';
import { applyRetention } from './admin/retention';
import { evaluationRoutes } from './evaluation/routes';
import { reportRoutes } from './reports/routes';
import { ReportService } from './reports/service';
import { GoalService } from './goals/service';
import { appShellHints, earlyCodeScript } from './http/app-shell';
import { readBuildManifest } from './http/build-manifest';
import { surveyPageRoutes } from './survey/pages';
import { publicSurveyRoutes, surveyRoutes } from './survey/routes';
import { personalLinkRoutes } from './survey/personal-links';
import { SurveyService } from './survey/service';
import { attachSurveyEvents } from './survey/socket';
import { invitationRoutes } from './sites/invitation-routes';
import { DomainEvents } from './events/domain-events';
import { localCluster, type Cluster } from './cluster';
import { siteRoutes } from './sites/routes';
import type { Store } from './store';
import { createMetrics } from './metrics';
import { within } from './deadline';
import { reapplyErasures } from './admin/erasure-ledger';

export interface App {
  server: http.Server;
  store: Store;
  log: Logger;
  /** Documents this process holds in memory now. */
  loadedDocuments(): number;
  listen(): Promise<string>;
  /**
   * Runs every periodic job once, as of `now`: tests call the sweeps with a time instead of
   * waiting for the interval.
   */
  runPeriodicJobs(now?: Date): Promise<void>;
  /**
   * Stops gracefully: readiness goes 503 at once and stays so for `graceMs` while everything is
   * still served (the balancer notices and stops sending work here); then no new connections
   * are taken, open boards are closed with 1012 "restarting" (their clients reconnect, through
   * the balancer, to another process), the requests already taken are answered, and the store
   * is closed.
   */
  drain(graceMs: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Wires every capability onto one HTTP server; `listen` starts it, `close` stops it cleanly. With
 * `REDIS_URL`, the cluster is opened by the caller (`openCluster`) and handed in, as the store is.
 */
export function createApp(config: Config, store: Store, overrides: { log?: Logger; cluster?: Cluster } = {}): App {
  const log = overrides.log ?? createLogger(config.logLevel);
  const mailer = createMailer({ smtpUrl: config.smtpUrl, outboxDir: path.join(config.dataDir, 'outbox'), from: config.mailFrom });
  // Services publish what happened; the realtime layers, attached below, tell the people concerned.
  const events = new DomainEvents();
  if (config.redisUrl && !overrides.cluster) throw new Error('REDIS_URL is set: open the cluster with openCluster and pass it to createApp');
  const cluster = overrides.cluster ?? localCluster();
  const secureCookies = config.publicUrl.startsWith('https:');
  const limiter = authRateLimit(config.authRateLimit, cluster.rateLimitStore('auth'));

  const metrics = createMetrics();
  const registry = new DocRegistry(store, log, meetingBoardPolicy(store, new MeetingPauses(store, events)), cluster.bus, metrics.observePersist);
  const goals = new GoalService(store, events, config.meaningfulGboChange);
  const facilitation = new FacilitationService(store, registry, goals, events);
  const surveys = new SurveyService(store, events);
  const reports = new ReportService(store, facilitation, goals, surveys);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  const draining = requestDrain();
  app.use(requestIds());
  app.use(draining.track);
  app.use(securityHeaders());
  app.use(metrics.timeRequests);
  app.use(
    pinoHttp({
      logger: log,
      // Method, path (tokens taken out) and status only: no query strings, headers or bodies.
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, path: loggablePath(req.url) }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics' },
    }),
  );

  // Liveness: the process answers. Readiness: the store takes a write within a second. With
  // several processes, Redis away is said (fanOut: "away") but is not "not ready": this process
  // still saves and serves everything; other processes' changes reach its people when Redis is back.
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    if (draining.isDraining()) {
      res.status(503).json({ ok: false, store: store.kind, draining: true });
      return;
    }
    try {
      await within(store.checkWritable(), 1000);
      res.json({ ok: true, store: store.kind, fanOut: cluster.bus.status() });
    } catch (error) {
      res.status(503).json({ ok: false, store: store.kind, fanOut: cluster.bus.status(), error: 'The store cannot save changes just now' });
      log.warn({ err: error }, 'not ready: the store cannot write');
    }
  });

  // Prometheus scrapes this; it holds counts and timings only, nothing about anyone.
  app.get('/metrics', metrics.serve);

  const api = express.Router();
  api.use(sameOriginJson(config.publicUrl));
  api.use(express.json({ limit: '100kb' }));
  // One count of survey submissions per address, whether they come through the API or the pages.
  const submitLimiter = submissionRateLimit(config.surveyRateLimit, cluster.rateLimitStore('survey-submission'));
  api.use(publicSurveyRoutes({ store, surveys, submitLimiter }));
  api.use(loadUser(store));
  api.use(authRoutes({ store, events, sessionTtlHours: config.sessionTtlHours, secureCookies, limiter }));
  api.use(invitationRoutes({ store, sessionTtlHours: config.sessionTtlHours, secureCookies, limiter }));
  api.use(
    passwordRoutes({ store, events, mailer, publicUrl: config.publicUrl, sessionTtlHours: config.sessionTtlHours, secureCookies, limiter, linkLimiters: passwordLinkRateLimits(config.authRateLimit, (name) => cluster.rateLimitStore(name)), log }),
  );
  api.use(accountRoutes({ store, events }));
  api.use(adminRoutes({ store, mailer, events, registry, cluster, publicUrl: config.publicUrl, dataDir: config.dataDir }));
  api.use(
    siteRoutes({ store, mailer, events, publicUrl: config.publicUrl, invitationTtlDays: config.invitationTtlDays, limiter }),
  );
  api.use(meetingRoutes({ store, facilitation, goals }));
  api.use(runOfShowRoutes({ store }));
  api.use(goalRoutes({ store, goals }));
  api.use(goalThreadRoutes({ store, goals }));
  api.use(directoryRoutes({ store }));
  api.use(
    programmeRoutes({
      store,
      mailer,
      publicUrl: config.publicUrl,
      goals,
    }),
  );
  api.use(timelineRoutes({ store }));
  api.use(evaluationRoutes({ store }));
  api.use(reportRoutes({ store, reports, goals, surveys, mailer, publicUrl: config.publicUrl }));
  api.use(surveyRoutes({ store, surveys, publicUrl: config.publicUrl }));
  api.use(personalLinkRoutes({ store, mailer, publicUrl: config.publicUrl }));
  api.use(() => {
    throw new HttpError(404, 'There is no such API route');
  });
  api.use(errorHandler(log));
  app.use('/api', api);
  const manifest = readBuildManifest(config.clientDir);
  app.use(surveyPageRoutes({ store, surveys, submitLimiter, publicUrl: config.publicUrl, secureCookies, manifest, log }));
  app.use(signInPageRoutes({ store, events, sessionTtlHours: config.sessionTtlHours, secureCookies, limiter, publicUrl: config.publicUrl, manifest, log }));

  const clientDir = config.clientDir;
  if (clientDir && fs.existsSync(path.join(clientDir, 'index.html'))) {
    // Pre-compressed copies (made at build time) go to browsers that accept them. Hashed files
    // never change, so they are cached for a year; everything else is checked every time.
    const cacheFor = (res: http.ServerResponse, file: string) =>
      res.setHeader('Cache-Control', /[/\\]assets[/\\]/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache');
    app.use(expressStaticGzip(clientDir, { enableBrotli: true, orderPreference: ['br', 'gz'], index: false, serveStatic: { index: false, setHeaders: cacheFor } }));
    // A code file that is not there (a board left open across a release asks for the old one)
    // must fail as a script, not load the app's page as if it were JavaScript.
    app.use('/assets', (_req, res) => {
      res.status(404).type('text/plain').set('Cache-Control', 'no-store').send('Not found');
    });
    // Client-side routes all load the single page, with hints of what it will ask for first.
    const hintsFor = appShellHints(manifest);
    const indexHtml = fs.readFileSync(path.join(clientDir, 'index.html'), 'utf8');
    app.use(firstRenderRoutes({ store, facilitation, goals, surveys, publicUrl: config.publicUrl, log, indexHtml, earlyCodeFor: earlyCodeScript(manifest) }));
    app.get('/{*page}', (req, res) => res.sendFile(path.join(clientDir, 'index.html'), { headers: { 'Cache-Control': 'no-cache', Link: hintsFor(req.path) } }));
  }
  app.use(errorHandler(log));

  const server = http.createServer(app);
  const realtime = attachRealtime({ server, store, events, publicUrl: config.publicUrl, log, adapter: cluster.socketAdapter });
  metrics.watch({ rooms: () => registry.loadedCount, boardConnections: () => registry.connectionCount, sockets: () => realtime.io.engine.clientsCount });
  const meetingEvents = attachMeetingEvents(realtime.io, { store, facilitation, goals, events, log, actionsPerPersonPer10s: config.meetingActionLimit });
  attachSurveyEvents(realtime.io, { store, surveys, events, log });
  const collab = attachCollabEndpoint({
    server,
    store,
    registry,
    events,
    publicUrl: config.publicUrl,
    log,
    admitDoc: admitToMeetingBoard(store),
    maxBufferedBytes: config.collabMaxBufferedBytes,
    heartbeatMs: config.collabHeartbeatMs,
  });

  // Before listening: hear what the other processes say about meetings and memberships.
  const clusterReady = events.connect(cluster.bus, log);

  const periodicJobs = [
    { name: 'event reminders', run: (now?: Date) => sendDueReminders({ store, mailer, publicUrl: config.publicUrl }, now) },
    { name: 'goal check-in reminders', run: (now?: Date) => sendDueCheckInReminders({ store, mailer, publicUrl: config.publicUrl }, now) },
    { name: 'retention', run: (now?: Date) => applyRetention(store, config.retentionMonths, now) },
  ];
  let stopJobs = () => {};
  return {
    server,
    store,
    log,
    loadedDocuments: () => registry.loadedCount,
    listen: async () => {
      await clusterReady;
      // A failure here is loud but does not keep everyone out: the next start tries again.
      await reapplyErasures({ store, events, registry, cluster, mailer, dataDir: config.dataDir, log }).catch((error: unknown) => log.error({ err: error }, 'could not erase again the accounts the erasure ledger lists'));
      stopJobs = startPeriodicJobs(log, config.reminderIntervalSeconds, periodicJobs);
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const address = server.address();
          const port = typeof address === 'object' && address ? address.port : config.port;
          resolve(`http://localhost:${port}`);
        });
      });
    },
    async runPeriodicJobs(now = new Date()) {
      for (const job of periodicJobs) await runJob(log, job, now);
    },
    async drain(graceMs) {
      draining.start();
      log.info({ graceSeconds: graceMs / 1000 }, 'draining: readiness is 503');
      await new Promise((resolve) => setTimeout(resolve, graceMs));
      // No new connections from here; those open finish what they asked for.
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      stopJobs();
      meetingEvents.close();
      await collab.close();
      await realtime.close();
      await draining.answered(10_000);
      log.info('draining: every request answered, boards told to reconnect');
      await cluster.close();
      server.closeAllConnections();
      await stopped;
      await store.close();
    },
    close() {
      return this.drain(0);
    },
  };
}
