import './production-mode';
import { createApp, type App } from './app';
import { openCluster } from './cluster';
import { ConfigError, configFromEnv, type Config } from './config';
import { createLogger } from './log';
import { demoPeople, seedDemo } from './seed/demo';
import { checkDataDirWritable, listenFailure, namingSetting, StartupError } from './startup';
import { openStore } from './store';
import { describeUse, liveUses, registerUse } from './store/data-folder-use';

/** Settings are checked before anything starts: a bad one stops the process, naming the variable. */
function settings() {
  try {
    return configFromEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // A log line like every other (JSON, for the log collector), with the settings named in it.
    createLogger('info').fatal({ settings: error.settings }, error.message);
    process.exit(1);
  }
}
const config = settings();
const log = createLogger(config.logLevel);
let app: App | null = null;

/** A database address without its password, for messages. */
function withoutPassword(url: string): string {
  const parsed = new URL(url);
  parsed.password = parsed.password ? 'hidden' : '';
  return parsed.toString();
}

function welcome(config: Config, url: string, demo: { password: string } | null): string {
  const lines = [`Link Programme is running at ${config.publicUrl === `http://localhost:${config.port}` ? url : config.publicUrl}`];
  lines.push(`Storage: ${config.databaseUrl ? `PostgreSQL at ${withoutPassword(config.databaseUrl)}` : `SQLite in ${config.dataDir}`}${config.redisUrl ? ', with Redis passing messages between processes' : ''}`);
  if (demo) {
    lines.push('Demo site "Demo Borough". Sign in as any of:');
    for (const person of demoPeople) lines.push(`  ${person.email.padEnd(28)} (${person.role})`);
    // In production the output goes into kept logs: the password is never written there.
    lines.push(config.production ? `Their password: DEMO_PASSWORD, or the one kept in ${config.dataDir}/demo-password.txt` : `Password for all demo accounts: ${demo.password}`);
  }
  return lines.join('\n');
}

async function main() {
  checkDataDirWritable(config.dataDir);
  // Held while this process lives: `npm run restore` refuses meanwhile (store/data-folder-use.ts).
  registerUse(config.dataDir, 'server');
  const restore = liveUses(config.dataDir, 'restore')[0];
  if (restore) throw new StartupError('DATA_DIR', `a restore into ${config.dataDir} is running (${describeUse(restore)}): start the server once it has finished`);
  const store = await (config.databaseUrl
    ? namingSetting('DATABASE_URL', `PostgreSQL at ${withoutPassword(config.databaseUrl)} cannot be reached or cannot be used`, () => openStore(config, log))
    : namingSetting('DATA_DIR', `the database in ${config.dataDir} cannot be opened`, () => openStore(config, log)));
  app = createApp(config, store, { log, cluster: await openCluster(config, log) });
  // Seed first, so that once the server answers the demo accounts work.
  const demo = config.seedDemo ? await seedDemo(app.store, { dataDir: config.dataDir, password: config.demoPassword }) : null;
  const url = await app.listen().catch((error: unknown) => {
    throw listenFailure(config, error);
  });
  log.info({ url, publicUrl: config.publicUrl, production: config.production, demo: demo !== null }, 'listening');
  // Printed plainly, not through the logger: this is for the person who ran `npm start`.
  if (!config.production) console.log(`\n${welcome(config, url, demo)}\n`);
  else log.info(welcome(config, url, demo));
}

let stopping = false;
/** SIGTERM (docker stop, a deploy) drains first: see App.drain. A second signal does not hurry it. */
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal, drainSeconds: config.drainSeconds }, 'shutting down');
  // Whatever hangs, the process ends: the requests still open get 10 s after the drain.
  const force = setTimeout(() => process.exit(1), (config.drainSeconds + 15) * 1000);
  force.unref();
  await app?.drain(config.drainSeconds * 1000);
  log.info('stopped');
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

main().catch((error) => {
  if (error instanceof StartupError) log.fatal({ setting: error.setting }, `could not start: ${error.message}`);
  else log.fatal({ err: error }, 'could not start');
  process.exit(1);
});
