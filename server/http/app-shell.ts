import { chunkFiles, type BuildManifest } from './build-manifest';

/** What a page of the app asks for first: its data, and the lazily loaded code of the page. */
interface PageNeeds {
  pattern: RegExp;
  data: (match: RegExpExecArray) => string[];
  /** Source paths of the page's lazily loaded modules, as the build's manifest names them. */
  modules: string[];
  /** When the server draws the page: the module that starts loading its code (see client/src/board-code.ts). */
  drawnPageCode?: string;
}

const ids = '([A-Za-z0-9_-]{1,64})';
const pages: PageNeeds[] = [
  { pattern: /^\/$/, data: () => ['/api/sites'], modules: [] },
  { pattern: new RegExp(`^/sites/${ids}$`), data: (m) => [`/api/sites/${m[1]}`], modules: ['src/pages/SitePage.tsx'] },
  { pattern: /^\/invitation$/, data: () => [], modules: ['src/pages/InvitationPage.tsx'] },
  { pattern: new RegExp(`^/meetings/${ids}$`), data: (m) => [`/api/meetings/${m[1]}`], modules: ['src/pages/meetings/MeetingPage.tsx'], drawnPageCode: 'src/board-code.ts' },
];

const pageAt = (pathname: string) => pages.map((p) => ({ p, match: p.pattern.exec(pathname) })).find((m) => m.match);

/**
 * Preload hints sent with the app's page (a `Link` header), so that the browser fetches who is
 * signed in, the page's data and the page's own code while it starts the app, instead of one
 * after another once the app has run. `crossorigin` makes the preloads match the app's own
 * same-origin `fetch` calls and module imports.
 */
export function appShellHints(manifest: BuildManifest): (pathname: string) => string {
  return (pathname) => {
    const page = pageAt(pathname);
    const data = ['/api/me', ...(page ? page.p.data(page.match!) : [])];
    const code = page ? [...new Set(page.p.modules.flatMap((m) => chunkFiles(manifest, m, (entry) => entry.isEntry === true)))] : [];
    return [...data.map((url) => `<${url}>; rel=preload; as=fetch; crossorigin`), ...code.map((chunk) => `</${chunk}>; rel=modulepreload; crossorigin`)].join(', ');
  };
}

/**
 * The script tag to put before the app's own on a page the server drew, or nothing. A drawn page
 * carries its data, so it has no preload hints; its code is started by this script instead.
 */
export function earlyCodeScript(manifest: BuildManifest): (pathname: string) => string {
  return (pathname) => {
    const file = manifest[pageAt(pathname)?.p.drawnPageCode ?? '']?.file;
    return file ? `<script type="module" crossorigin src="/${file}"></script>` : '';
  };
}
