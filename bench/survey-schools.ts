import { demoInstrument } from '@shared/survey/demo-instrument';
import { sleep } from './lib/measure';

/**
 * The schools of a survey deadline, run in a process of their own by `survey-deadline.ts`: they
 * arrive evenly over the window and each answers every page as a browser does. Prints what it
 * measured as JSON.
 */
/** One school through the whole survey, as its browser would go: returns the acknowledgement's delay, or null. */
async function answerAsASchool(surveyUrl: string, n: number, pageRequests: number[], failed: () => void): Promise<number | null> {
  const origin = new URL(surveyUrl).origin;
  let cookie = '';
  const request = async (url: string, form?: Record<string, string>) => {
    const started = performance.now();
    const reply = await fetch(url.startsWith('/') ? `${origin}${url}` : url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { 'Accept-Encoding': 'br, gzip', ...(cookie ? { Cookie: cookie } : {}), ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin } : {}) },
      body: form ? new URLSearchParams(form) : undefined,
    });
    await reply.arrayBuffer();
    const ms = performance.now() - started;
    pageRequests.push(ms);
    const draft = reply.headers.getSetCookie().find((c) => c.startsWith('survey-draft='));
    if (draft) cookie = draft.split(';')[0]!;
    if (reply.status >= 400) failed();
    return { status: reply.status, location: reply.headers.get('location'), ms };
  };
  // Get a page, post its form, go where the redirect says.
  const answerPage = async (url: string, form: Record<string, string>) => {
    await request(url);
    return request(url, form);
  };
  let next = await answerPage(surveyUrl, {});
  next = await answerPage(next.location!, { setting: n % 3 ? 'primary' : 'secondary' });
  for (const section of demoInstrument.sections) {
    next = await answerPage(next.location!, Object.fromEntries(section.items.map((item, k) => [item.id, String(((n + k) % 5) + 1)])));
  }
  const sent = await answerPage(next.location!, {});
  if (sent.status !== 303 || !sent.location?.endsWith('/sent')) return null;
  await request(sent.location);
  return sent.ms;
}

const { surveyUrl, schools, seconds } = JSON.parse(process.argv[2]!) as { surveyUrl: string; schools: number; seconds: number };
const acknowledgements: number[] = [];
const pageRequests: number[] = [];
let failedRequests = 0;
await Promise.all(
  Array.from({ length: schools }, async (_, n) => {
    await sleep((n / schools) * seconds * 1000);
    const ms = await answerAsASchool(surveyUrl, n, pageRequests, () => (failedRequests += 1));
    if (ms !== null) acknowledgements.push(ms);
  }),
);
process.stdout.write(JSON.stringify({ acknowledgements, pageRequests, failedRequests }));
