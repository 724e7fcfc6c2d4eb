import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { SurveyAssets } from '../../client/src/pages/survey/plain/SurveyDocument';

const Manifest = z.record(z.string(), z.object({ file: z.string(), css: z.array(z.string()).optional() }));

/**
 * The hashed names of the survey pages' stylesheet and script, from the build's manifest. Without
 * a built client (some tests) the pages are sent unstyled, which they are built to survive.
 */
export function surveyAssets(clientDir: string | undefined): SurveyAssets {
  const file = clientDir && path.join(clientDir, '.vite', 'manifest.json');
  if (!file || !fs.existsSync(file)) return { stylesheet: null, script: null };
  const entry = Manifest.parse(JSON.parse(fs.readFileSync(file, 'utf8')))['src/survey.ts'];
  if (!entry) return { stylesheet: null, script: null };
  return { stylesheet: entry.css?.[0] ? `/${entry.css[0]}` : null, script: `/${entry.file}` };
}
