import { parseArgs } from 'node:util';
import { z } from 'zod';
import { Email, PersonName } from '@shared/api/auth';
import { OrganisationName } from '@shared/organisations';
import { ConfigError, configFromEnv } from '../config';
import { HttpError } from '../http/errors';
import { openStore } from '../store';
import { createFacilitator } from './accounts';
import { recordAudit } from './audit';
import { backupStore, restoreStore } from './backup';
import { ArchiveRefused } from '../store/archive-format';
import { describeUse, liveUses, registerUse } from '../store/data-folder-use';

/**
 * `npm run admin -- create-facilitator --email … --name …`: the first facilitator of a new
 * installation (and any later one); prints a one-time link to set the password.
 * `npm run backup -- --to FILE` and `npm run restore -- --from FILE`: either store, as an
 * archive that loads into either (moving from the embedded store to PostgreSQL is a restore).
 * Settings come from the same environment variables as the server.
 */
const usage = `Usage:
  npm run admin -- create-facilitator --email EMAIL --name "FULL NAME" [--organisation "ORGANISATION"]
  npm run backup -- --to FILE        (while the server runs)
  npm run restore -- --from FILE     (into an empty store: with every server stopped; refused otherwise)`;

class UsageError extends Error {}
/** A command that cannot be done as things stand; the message says why and what to do. */
class RefusedError extends Error {}

const CreateFacilitatorOptions = z.object({ email: Email, name: PersonName, organisation: OrganisationName.optional() });

const options = { email: { type: 'string' }, name: { type: 'string' }, organisation: { type: 'string' }, to: { type: 'string' }, from: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

/** The command line as options, or a usage error that names what was wrong (not a stack trace). */
function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function run(argv: string[]): Promise<string> {
  const { positionals, values } = parse(argv);
  if (values.help || positionals[0] === 'help') return usage;
  const config = configFromEnv();
  switch (positionals[0]) {
    case 'create-facilitator': {
      const parsed = CreateFacilitatorOptions.safeParse(values);
      if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
      const store = await openStore(config);
      try {
        const { user, link, created } = await createFacilitator(store, config.publicUrl, parsed.data);
        if (created) await recordAudit(store, { actor: 'command line', action: 'facilitator-created-by-command', subject: user.email });
        // Without PUBLIC_URL the link points at this machine, which is right only for a trial on it.
        const where = process.env.PUBLIC_URL ? '' : `\n(PUBLIC_URL is not set, so the link points at ${config.publicUrl}: set PUBLIC_URL to the address people open, as for the server, and run this again for a link that works elsewhere.)`;
        return `${created ? 'Created' : 'Already there:'} facilitator ${user.name} <${user.email}>.\nThey set their password here (the link works once, for 7 days):\n${link}${where}`;
      } finally {
        await store.close();
      }
    }
    case 'backup': {
      if (!values.to) throw new UsageError('Say where to write the backup: --to FILE');
      const { bytes, from } = await backupStore(config, values.to);
      return `Backed up ${from === 'postgres' ? 'PostgreSQL' : config.dataDir} to ${values.to} (${Math.round(bytes / 1024)} KB)`;
    }
    case 'restore': {
      if (!values.from) throw new UsageError('Say which backup to restore: --from FILE');
      const from = values.from;
      // PostgreSQL refuses a restore into a schema that holds anything; the data folder is checked here.
      if (config.databaseUrl) await restoreStore(config, from);
      else await restoreWithNoServerRunning(config.dataDir, () => restoreStore(config, from));
      return `Restored ${from} into ${config.databaseUrl ? 'PostgreSQL' : config.dataDir}. Start the server to use it.`;
    }
    default:
      throw new UsageError(positionals[0] ? `Unknown command: ${positionals[0]}` : 'Say what to do');
  }
}

/**
 * A restore replaces the database file and drops its write-ahead log: under a running server,
 * everything it acknowledged afterwards would be lost at its next start. So it refuses while any
 * server uses the folder, and servers refuse to start while it runs.
 */
async function restoreWithNoServerRunning(dataDir: string, restore: () => Promise<unknown>): Promise<void> {
  const restoring = registerUse(dataDir, 'restore');
  try {
    const servers = liveUses(dataDir, 'server');
    if (servers.length) {
      throw new RefusedError(`A server is using ${dataDir} (${servers.map(describeUse).join('; ')}). Stop every server on this data folder first: restoring under a running server loses what it saves afterwards. Nothing was changed.`);
    }
    await restore();
  } finally {
    restoring.release();
  }
}

run(process.argv.slice(2)).then(
  (message) => console.log(message),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${usage}`);
    else if (error instanceof ConfigError || error instanceof HttpError || error instanceof RefusedError || error instanceof ArchiveRefused) console.error(error.message);
    else console.error(error);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
