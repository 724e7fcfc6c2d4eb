import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FirstPageData, firstPageDataId } from '@shared/api/first-data';
import { demoInstrument } from '@shared/survey/demo-instrument';
import { allItems } from '@shared/survey/instrument';
import { ApiClient } from '../helpers/http';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';
import { bookingIn } from '../helpers/dates';

/**
 * Pages drawn by the server ("your sites", a live meeting): only what the person may see, in
 * the HTML and in the data sent with it, with whatever someone typed shown as text, never run.
 */
let server: RunningServer;
let facilitator: ApiClient;
let stakeholder: ApiClient;
const hostileName = '</script><script>alert(1)</script> & <b>Bold</b> Borough';

beforeAll(async () => {
  server = await startApp();
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
    // So that its sign-out form, used before the app has loaded, carries its origin.
    expect(reply.headers.get('referrer-policy')).toBe('same-origin');
    const html = await reply.text();
    expect(html).toContain('<title>Your sites – Link Programme</title>');
    expect(html).toMatch(/<h1 class="govuk-heading-l">Your sites<\/h1>/);
    expect(html).toMatch(/>Demo Borough<\/a>/);
    expect(html).not.toContain('Bold');
    const data = sentData(html);
    expect(data.me.email).toBe('stakeholder1@demo.example');
    expect(data.sites?.map((s) => s.name)).toEqual(['Demo Borough']);
    expect(data).toEqual({ me: (await stakeholder.get('/api/me')).body, sites: (await stakeholder.get('/api/sites')).body });
  });

  it('shows a hostile site name as text, in the page and in its data', async () => {
    const html = await (await open(facilitator.cookie)).text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<b>Bold');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;Bold&lt;/b&gt; Borough');
    expect(sentData(html).sites?.map((s) => s.name)).toContain(hostileName);
  });
});

describe('a live meeting, drawn by the server', () => {
  let meetingId: string;
  let outsider: ApiClient;

  beforeAll(async () => {
    const siteId = (await facilitator.get('/api/sites')).body.find((s: { name: string }) => s.name === 'Demo Borough').id;
    const members = (await facilitator.get(`/api/sites/${siteId}`)).body.members as { userId: string; email: string }[];
    // Invited: the facilitator and stakeholder1 only.
    const attendeeIds = members.filter((m) => m.email === 'stakeholder1@demo.example').map((m) => m.userId);
    const meeting = await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: bookingIn(37), durationMinutes: 180, attendeeIds });
    meetingId = meeting.body.id;
    expect((await facilitator.post(`/api/meetings/${meetingId}/start`)).status).toBe(200);
    outsider = await ApiClient.signIn(server.url, 'stakeholder2@demo.example', demoPassword);
  });

  const openMeeting = (cookie?: string) => fetch(`${server.url}/meetings/${meetingId}`, { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });

  it('draws the phase everyone is in, with the detail the API gives the same person', async () => {
    const reply = await openMeeting(stakeholder.cookie);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    const html = await reply.text();
    expect(html).toContain('<title>Welcome and survey results – Link Programme</title>');
    expect(html).toMatch(/<h1[^>]*>Welcome and survey results<\/h1>/);
    // The board's code is started by a script of its own, ahead of the app's, and cached for a year.
    const early = /<script type="module" crossorigin src="(\/assets\/board-code-[^"]+\.js)"><\/script><script type="module" crossorigin src="\/assets\/app-/.exec(html);
    expect(early, 'the board-code script, just before the app').not.toBeNull();
    const code = await fetch(`${server.url}${early![1]}`, { headers: { 'Accept-Encoding': 'br' } });
    expect([code.status, code.headers.get('cache-control'), code.headers.get('content-encoding')]).toEqual([200, 'public, max-age=31536000, immutable', 'br']);
    expect(await code.text()).toMatch(/import\(`\.\/MeetingPage-/);
    // Not yet connected is not a lost connection: no warning on a page just opened.
    expect(html).toContain('Connecting…');
    expect(html).not.toContain('Connection lost');
    expect(html).toContain('In the room: joining…');
    expect(html).not.toContain('In the room (0)');
    // The same person's detail from the API, but for the moment the server read its clock.
    const withoutClock = (detail: unknown) => JSON.parse(JSON.stringify(detail).replace(/"serverTime":"[^"]+"/, '"serverTime":""'));
    const sent = sentData(html);
    expect(sent.me).toEqual((await stakeholder.get('/api/me')).body);
    expect(withoutClock(sent.meeting)).toEqual(withoutClock((await stakeholder.get(`/api/meetings/${meetingId}`)).body));
  });

  it('draws the welcome with the site’s survey as the anonymity rules allow it, from the same answers as the API', async () => {
    const siteId = (await facilitator.get('/api/sites')).body.find((s: { name: string }) => s.name === 'Demo Borough').id;
    const created = await facilitator.post(`/api/sites/${siteId}/surveys`, { accessMode: 'open', opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 7 * 86400_000).toISOString() });
    const token = created.body.publicUrl.split('/s/')[1];
    const items = allItems(demoInstrument);
    const answer = (n: number) => new ApiClient(server.url).post(`/api/public/surveys/${token}/responses`, { answers: Object.fromEntries(items.map((item, k) => [item.id, ((n + k) % 5) + 1])), context: { setting: 'primary' } });
    // An open-link survey's results are for facilitators; a stakeholder is drawn its count only.
    const drawnSurveys = async (who = facilitator) => {
      const html = await (await openMeeting(who.cookie)).text();
      const sent = sentData(html).surveys as { summaries: unknown; latestResults: unknown };
      // What the page was drawn from is what the API gives the same person.
      expect(sent.summaries).toEqual((await who.get(`/api/sites/${siteId}/surveys`)).body);
      expect(sent.latestResults).toEqual((await who.get(`/api/surveys/${created.body.id}/results`)).body);
      expect(html).not.toContain('Loading the survey');
      return html.replace(/<!-- -->/g, '');
    };
    for (let n = 0; n < 9; n++) expect((await answer(n)).status).toBe(201);
    // Below the threshold: the count and why nothing more is shown, in the page and its data.
    const tooFew = await drawnSurveys();
    expect(tooFew).toContain('5 or more schools and colleges have completed the survey. Results are shown once 10 surveys are complete');
    expect(tooFew).not.toContain('Factor profile');
    expect((await answer(9)).status).toBe(201);
    expect(await drawnSurveys()).toContain('Factor profile (1 = least, 5 = most)');
    const forStakeholder = await drawnSurveys(stakeholder);
    expect(forStakeholder).toContain('shown only to facilitators');
    expect(forStakeholder).not.toContain('Factor profile');
  });

  it('draws nothing for someone not invited or from another site, and sends the signed-out to sign in and back', async () => {
    for (const cookie of [outsider.cookie]) {
      const html = await (await openMeeting(cookie)).text();
      expect(html).toContain('<div id="root"></div>');
      expect(html).not.toContain(firstPageDataId);
      expect(html).not.toContain('Welcome and survey results');
    }
    const signedOut = await openMeeting();
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toBe(`/sign-in?returnTo=${encodeURIComponent(`/meetings/${meetingId}`)}`);
  });
});

