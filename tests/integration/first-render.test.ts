import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FirstPageData, firstPageDataId } from '@shared/api/first-data';
import { ApiClient } from '../helpers/http';
import { demoPassword, startServer, type RunningServer } from '../helpers/server';

/**
 * "Your sites" drawn by the server: only the person's own sites, in HTML and in the data sent
 * with it, with whatever a facilitator typed as a site's name shown as text, never run.
 */
let server: RunningServer;
let facilitator: ApiClient;
let stakeholder: ApiClient;
const hostileName = '</script><script>alert(1)</script> & <b>Bold</b> Borough';

beforeAll(async () => {
  server = await startServer();
  facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  stakeholder = await ApiClient.signIn(server.url, 'stakeholder1@demo.example', demoPassword);
  expect((await facilitator.post('/api/sites', { name: hostileName })).status).toBe(201);
});
afterAll(async () => {
  await server?.stop();
});

const open = (cookie?: string) => fetch(`${server.url}/`, { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });

function sentData(html: string): FirstPageData {
  const script = new RegExp(`<script type="application/json" id="${firstPageDataId}">(.*?)</script>`).exec(html)![1]!;
  return FirstPageData.parse(JSON.parse(script));
}

describe('your sites, drawn by the server', () => {
  it('sends someone not signed in straight to the sign-in page', async () => {
    const reply = await open();
    expect(reply.status).toBe(303);
    expect(reply.headers.get('location')).toBe('/sign-in');
    expect((await open('lp_session=not-a-session')).headers.get('location')).toBe('/sign-in');
  });

  it('draws only the person’s own sites, with the data the app takes over from, kept by no cache', async () => {
    const reply = await open(stakeholder.cookie);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    const html = await reply.text();
    expect(html).toContain('<title>Your sites – Link Programme</title>');
    expect(html).toMatch(/<h1 class="govuk-heading-l">Your sites<\/h1>/);
    expect(html).toMatch(/>Demo Borough<\/a>/);
    expect(html).not.toContain('Bold');
    const data = sentData(html);
    expect(data.me.email).toBe('stakeholder1@demo.example');
    expect(data.sites.map((s) => s.name)).toEqual(['Demo Borough']);
    expect(data).toEqual({ me: (await stakeholder.get('/api/me')).body, sites: (await stakeholder.get('/api/sites')).body });
  });

  it('shows a hostile site name as text, in the page and in its data', async () => {
    const html = await (await open(facilitator.cookie)).text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<b>Bold');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;Bold&lt;/b&gt; Borough');
    expect(sentData(html).sites.map((s) => s.name)).toContain(hostileName);
  });
});
