import type { SurveyAssets } from '../../client/src/pages/survey/plain/SurveyDocument';
import type { BuildManifest } from '../http/build-manifest';

/**
 * The hashed names of the survey pages' stylesheet and script, from the build's manifest. Without
 * a built client (some tests) the pages are sent unstyled, which they are built to survive.
 */
export function surveyAssets(manifest: BuildManifest): SurveyAssets {
  const entry = manifest['src/survey.ts'];
  if (!entry) return { stylesheet: null, script: null };
  return { stylesheet: entry.css?.[0] ? `/${entry.css[0]}` : null, script: `/${entry.file}` };
}
