import './production-mode';
import { createApp, type App } from './app';
import { ConfigError, configFromEnv } from './config';
import { createLogger } from './log';
import { demoPeople, seedDemo } from './seed/demo';
import { openStore } from './store';

/** Settings are checked before anything starts: a bad one stops the process, naming the variable. */
function settings() {
  try {
    return configFromEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
const config = settings();
const log = createLogger(config.logLevel);
let app: App | null = null;

async function main() {
  app = createApp(config, await openStore(config), { log });
  // Seed first, so that once the server answers the demo accounts work.
  const demo = config.seedDemo ? await seedDemo(app.store, { dataDir: config.dataDir, password: config.demoPassword }) : null;
  const url = await app.listen();
  const lines = [`Link Programme is running at ${config.publicUrl === `http://localhost:${config.port}` ? url : config.publicUrl}`];
  lines.push(`Storage: ${app.store.kind === 'redis' ? 'Redis' : `SQLite in ${config.dataDir}`}`);
  if (demo) {
    lines.push('Demo site "Demo Borough". Sign in as any of:');
    for (const person of demoPeople) lines.push(`  ${person.email.padEnd(28)} (${person.role})`);
    lines.push(`Password for all demo accounts: ${demo.password}`);
  }
  // Printed plainly, not through the logger: this is for the person who ran `npm start`.
  console.log(`\n${lines.join('\n')}\n`);
}

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  await app?.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

main().catch((error) => {
  log.fatal({ err: error }, 'could not start');
  process.exit(1);
});
