import fs from 'node:fs';
import path from 'node:path';

/**
 * The Dockerfile read as instructions, for tests that check it and for the test that builds the
 * image's runtime folder from its own COPY lines (Docker itself cannot run on the test machine).
 */
export const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's instructions, continuation lines joined and comments dropped. */
export function dockerInstructions(text = fs.readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8')): Instruction[] {
  return text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword!.toUpperCase(), args: rest.join(' ') };
    });
}

/** Instructions grouped by stage, each starting with its FROM. */
export const dockerStages = (instructions: Instruction[]): Instruction[][] =>
  instructions.reduce<Instruction[][]>((all, i) => (i.keyword === 'FROM' ? [...all, [i]] : (all.at(-1)!.push(i), all)), []);

export const only = (stage: Instruction[], keyword: string) => stage.filter((i) => i.keyword === keyword);

/** The exec-form argument list of an instruction (`["node", "…"]`). */
export const execForm = (args: string): string[] => JSON.parse(args.replace(/^CMD\s+/, ''));

/** The settings a stage's ENV lines give (`NAME=value` pairs; values without spaces). */
export const stageEnv = (stage: Instruction[]): Record<string, string> =>
  Object.fromEntries(
    only(stage, 'ENV')
      .flatMap((e) => e.args.split(/\s+/))
      .map((pair) => pair.split('=') as [string, string]),
  );

export interface CopyFromBuild {
  /** Paths in the build stage, relative to its WORKDIR (/app). */
  sources: string[];
  /** Where they go, relative to the runtime stage's WORKDIR. */
  destination: string;
}

/** The runtime stage's `COPY --from=build /app/… dest` lines: everything the image holds of ours. */
export function copiesFromBuild(stage: Instruction[]): CopyFromBuild[] {
  return only(stage, 'COPY').map((copy) => {
    const words = copy.args.split(/\s+/).filter((word) => !word.startsWith('--chown'));
    if (words[0] !== '--from=build') throw new Error(`The runtime stage copies from somewhere other than the build: COPY ${copy.args}`);
    const paths = words.slice(1);
    const sources = paths.slice(0, -1).map((source) => {
      if (!source.startsWith('/app/')) throw new Error(`A copy from outside the build's /app: ${source}`);
      return source.slice('/app/'.length);
    });
    return { sources, destination: paths.at(-1)! };
  });
}
