// npm run instrument:import <file.json>: validates a licensed instrument file and stores it,
// so facilitators can choose it when they open a survey. Uses the same storage as `npm start`.
import fs from 'node:fs';
import { InstrumentFile } from '../shared/survey/instrument';
import { configFromEnv } from '../server/config';
import { openStore } from '../server/store';

async function main() {
  const file = process.argv[2];
  if (!file) throw new Error('Usage: npm run instrument:import <file.json>');
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} could not be read as JSON: ${(error as Error).message}`);
  }
  const parsed = InstrumentFile.safeParse(json);
  if (!parsed.success) {
    console.error(`${file} is not a valid instrument file:`);
    for (const issue of parsed.error.issues) console.error(`  ${issue.path.join('.') || '(file)'}: ${issue.message}`);
    process.exit(1);
  }
  const config = configFromEnv();
  const store = await openStore(config);
  await store.saveInstrument(parsed.data.id, parsed.data.version, JSON.stringify(parsed.data));
  await store.close();
  console.log(`Imported "${parsed.data.title}" (${parsed.data.id} version ${parsed.data.version}).`);
}

main().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
