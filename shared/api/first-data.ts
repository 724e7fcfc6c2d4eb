import { z } from 'zod';
import { Me } from './auth';
import { SiteSummary } from './sites';

/**
 * The data a page drawn by the server was drawn from, sent inside it so the app takes over with
 * exactly what is on screen, without asking again first: who is signed in, and the page's own
 * data (your sites, or a meeting's detail and in its welcome the site's surveys, which the
 * meeting's code parses when it loads, so their schemas stay out of the app's first file).
 */
export const FirstPageData = z.object({ me: Me, sites: z.array(SiteSummary).optional(), meeting: z.unknown().optional(), surveys: z.unknown().optional() });
export type FirstPageData = z.infer<typeof FirstPageData>;

export { firstPageDataId } from './first-data-id';

/** The data as JSON that is safe inside a `<script>` element (no `</script>`, no `<!--`). */
export const firstPageDataScript = (data: FirstPageData) => JSON.stringify(data).replace(/</g, '\\u003c');
