import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startRoundRobinProxy } from './round-robin-proxy';

/**
 * Tries the multi-process set-up locally: a private PostgreSQL (kept in the data folder), a
 * private redis-server to pass messages, N server processes, and a round-robin proxy in front.
 * `npm run cluster -- 3` for three.
 */
const processes = Number(process.argv[2] ?? 2);
const port = Number(process.env.PORT ?? 3000);
const root = path.resolve(import.meta.dirname, '..');
const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, 'data', 'cluster'));
const publicUrl = `http://localhost:${port}`;
const children: ChildProcess[] = [];

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(free));
    });
  });

function run(command: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk;
      process.stdout.write(chunk);
      if (ready.test(output)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${command} exited (${code})`)));
  });
}

async function main() {
  fs.mkdirSync(dataDir, { recursive: true });
  const postgresPort = await freePort();
  const postgresDir = path.join(dataDir, 'postgres');
  execFileSync('bash', [path.join(root, 'scripts/private-postgres.sh'), 'start', postgresDir, String(postgresPort)], { stdio: 'inherit' });
  stopPostgres = () => execFileSync('bash', [path.join(root, 'scripts/private-postgres.sh'), 'stop', postgresDir], { stdio: 'inherit' });
  const databaseUrl = `postgres://lp@127.0.0.1:${postgresPort}/postgres`;
  const redisPort = await freePort();
  // Redis keeps nothing: it only passes messages between the processes.
  await run('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--appendonly', 'no', '--save', ''], {}, /Ready to accept connections/);
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  const backends: number[] = [];
  for (let i = 0; i < processes; i++) {
    const backendPort = await freePort();
    backends.push(backendPort);
    // The first process seeds the demo site; the others start once it is there. A local trial,
    // not production: plain http on localhost, mail into the data folder.
    await run(process.execPath, ['--import', 'tsx', 'server/main.ts'], { NODE_ENV: process.env.NODE_ENV ?? 'development', PORT: String(backendPort), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, PUBLIC_URL: publicUrl, DATA_DIR: dataDir, SEED_DEMO: i === 0 ? '1' : '0' }, /is running at/);
  }
  await startRoundRobinProxy(port, backends);
  console.log(`\n${processes} processes behind ${publicUrl} (PostgreSQL on port ${postgresPort}, Redis on port ${redisPort}, data in ${dataDir}). Ctrl+C stops everything.\n`);
}

let stopPostgres = () => {};
const stopAll = () => {
  for (const child of children.reverse()) child.kill('SIGTERM');
  try {
    stopPostgres();
  } catch (error) {
    console.error(error);
  }
  setTimeout(() => process.exit(0), 500);
};
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);
main().catch((error) => {
  console.error(error);
  stopAll();
});
