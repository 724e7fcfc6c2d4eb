import type { PlainPageAssets } from '../../client/src/pages/plain/PlainDocument';
import type { BuildManifest } from './build-manifest';

/**
 * The hashed names of the plain pages' stylesheet and script, from the build's manifest. Without
 * a built client (some tests) the pages are sent unstyled, which they are built to survive.
 */
export function plainPageAssets(manifest: BuildManifest): PlainPageAssets {
  const entry = manifest['src/plain-pages.ts'];
  if (!entry) return { stylesheet: null, script: null };
  return { stylesheet: entry.css?.[0] ? `/${entry.css[0]}` : null, script: `/${entry.file}` };
}
