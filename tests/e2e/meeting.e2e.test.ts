import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { meetingBoardDocName } from '@shared/meetings/meeting';
import { expectAccessible, inViewport, launchBrowser, screenshot, signedInPage } from '../helpers/browser';
import { collabClient, type CollabClient } from '../helpers/collab';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept, testPassword } from '../helpers/outbox';
import { connectedSocket, request, type ClientSocket } from '../helpers/realtime';
import { demoPassword, startServer, type RunningServer } from '../helpers/server';
import { bookingIn } from '../helpers/dates';
import { formatDay } from '@shared/format';

/**
 * A consultation run as it would be in front of 15 senior people on a video call: the
 * facilitator, the presenter view they share, four stakeholders in their own browsers and ten
 * more people connected at protocol level.
 */
let server: RunningServer;
let browser: Browser;
let api: ApiClient;
let siteId: string;
let meetingId: string;
let facilitator: Page;
let presenter: Page;
let stakeholders: Page[];
const others: { socket: ClientSocket; board: CollabClient }[] = [];
/** What each stakeholder's browser received on the board's websocket, as text. */
const received = new Map<Page, string[]>();

const [sam, sasha, priya, omar] = ['Sam Stakeholder', 'Sasha Stakeholder', 'Priya Patel', 'Omar Hussain'];
const page = (name: string) => stakeholders[[sam, sasha, priya, omar].indexOf(name)]!;
const domainHeading = (p: Page) => p.locator('#domain-heading');
const note = (p: Page, text: string) => p.locator('.app-note', { hasText: text });
const controlsIn = (p: Page) => p.locator('main').locator('button, input, select, textarea, a[href], [role="button"]').count();
function recordBoardFrames(p: Page) {
  const frames: string[] = [];
  received.set(p, frames);
  p.on('websocket', (ws) => {
    if (!ws.url().includes('/collab/')) return;
    ws.on('framereceived', ({ payload }) => frames.push(typeof payload === 'string' ? payload : payload.toString('utf8')));
  });
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  api = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await api.get('/api/sites')).body[0].id;
  const people = [
    ...(await Promise.all(
      [
        ['priya@e2e.example', priya],
        ['omar@e2e.example', omar],
      ].map(([email, name]) => inviteAndAccept(server, api, siteId, email!, { name: name! })),
    )),
    ...(await Promise.all(Array.from({ length: 10 }, (_, i) => inviteAndAccept(server, api, siteId, `director${i + 1}@e2e.example`, { name: `Director ${i + 1}` })))),
  ];
  const members = (await api.get(`/api/sites/${siteId}`)).body.members as { userId: string; role: string }[];
  meetingId = (
    await api.post(`/api/sites/${siteId}/meetings`, {
      kind: 'consultation',
      startsAt: bookingIn(37),
      durationMinutes: 180,
      attendeeIds: members.filter((m) => m.role === 'stakeholder').map((m) => m.userId),
    })
  ).body.id;
  facilitator = await signedInPage(browser, server.url, 'facilitator@demo.example', demoPassword);
  presenter = await signedInPage(browser, server.url, 'facilitator@demo.example', demoPassword, { width: 1600, height: 900 });
  stakeholders = await Promise.all(
    ['stakeholder1@demo.example', 'stakeholder2@demo.example', 'priya@e2e.example', 'omar@e2e.example'].map((email, i) =>
      signedInPage(browser, server.url, email, i < 2 ? demoPassword : testPassword),
    ),
  );
  stakeholders.forEach(recordBoardFrames);
  // Ten more people, at protocol level: in the meeting's channel and on its board.
  for (const person of people.slice(2)) {
    const socket = await connectedSocket(server.url, person.cookie);
    await request(socket, 'meeting:join', { meetingId });
    const board = collabClient(server.wsUrl, meetingBoardDocName(siteId, meetingId), person.cookie);
    // Present at once, as the app's board is when it names its user: y-protocols' awareness
    // passes over a presence no field of which was ever set (clock 0), which would appear only
    // at its first renewal, 15 to 18 s on (see the run-of-show test).
    board.provider.awareness.setLocalStateField('editing', null);
    others.push({ socket, board });
  }
}, 180_000);

afterAll(async () => {
  for (const other of others) {
    other.socket.close();
    other.board.destroy();
  }
  await browser?.close();
  await server?.stop();
});

describe('a live consultation with fifteen people', () => {
  it('people waiting before the start move into the meeting when the facilitator starts it, without reloading', async () => {
    // Omar's connection reaches the server only after the start: the page read the meeting as
    // scheduled, and the start was announced before Omar was in the meeting's channel.
    let letOmarConnect = () => {};
    const started = new Promise<void>((resolve) => (letOmarConnect = resolve));
    await page(omar).routeWebSocket(/\/socket\.io\//, async (ws) => {
      await started;
      ws.connectToServer();
    });
    await Promise.all([facilitator, presenter, ...stakeholders].map((p) => p.goto(`${server.url}/meetings/${meetingId}`)));
    await presenter.goto(`${server.url}/meetings/${meetingId}/present`);
    for (const p of stakeholders.filter((p) => p !== page(omar))) await p.getByText('You will move into the meeting as soon as the facilitator starts it').waitFor();
    // The facilitator, who starts it, is told what starting does for the others instead.
    await facilitator.getByText('Everyone waiting on this page moves into the meeting as soon as it is started').waitFor();
    await page(omar).getByText('Connecting…').waitFor();
    // A laptop screen: the start button is well down the page, below everyone's pre-ratings.
    await facilitator.setViewportSize({ width: 1280, height: 720 });
    await facilitator.getByRole('button', { name: 'Start the meeting' }).click();
    expect(await facilitator.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    // Starting cannot be undone: it asks first, and says when the meeting is booked for (weeks away).
    await facilitator.getByText(`This meeting is booked for ${formatDay(bookingIn(37))}. Start it now?`).waitFor();
    await screenshot(facilitator, 'meeting-start-early-question');
    await facilitator.getByRole('button', { name: 'Yes, start the meeting' }).click();
    await facilitator.getByRole('heading', { name: 'Welcome and survey results', level: 1 }).waitFor({ timeout: 15_000 });
    // The board opens at its top, its heading focused, and the controls in view.
    await expect.poll(() => facilitator.evaluate(() => window.scrollY)).toBe(0);
    expect(await facilitator.evaluate(() => document.activeElement?.id)).toBe('board-heading');
    expect(await inViewport(facilitator.getByText('Next: Domain review').first())).toBe(true);
    await facilitator.setViewportSize({ width: 1280, height: 900 });
    letOmarConnect();
    for (const p of [facilitator, ...stakeholders]) await p.getByRole('heading', { name: 'Welcome and survey results', level: 1 }).waitFor({ timeout: 15_000 });
    await presenter.getByRole('heading', { name: 'Welcome and survey results', level: 1 }).waitFor({ timeout: 15_000 });
    // Each page's title says where you are.
    await expect.poll(() => facilitator.title()).toBe('Welcome and survey results – Link Programme');
    await expect.poll(() => presenter.locator('.app-presenter__people').textContent(), { timeout: 15_000 }).toMatch(/^15 in the room/);
  });

  it('the welcome phase shows what the anonymity rules allow of the survey, and the facilitator sees only the next step', async () => {
    await facilitator.getByRole('heading', { name: 'What schools and colleges told us' }).waitFor();
    await facilitator.getByText(/no figures are shown before then|From the first|No survey of schools and colleges was run/).first().waitFor();
    expect(await facilitator.getByRole('button', { name: 'Close the meeting' }).count()).toBe(0);
    expect(await facilitator.getByRole('button', { name: /Open voting/ }).count()).toBe(0);
    await screenshot(facilitator, 'meeting-welcome-facilitator');
    await screenshot(presenter, 'meeting-presenter-welcome');
    await expectAccessible(presenter, 'presenter view (welcome)');
    expect(await controlsIn(presenter)).toBe(0);
    await facilitator.getByRole('button', { name: 'Next: Domain review' }).click();
    for (const p of stakeholders) await p.getByRole('list', { name: 'The seven CASCADE domains' }).waitFor({ timeout: 10_000 });
  });

  it('notes are added, edited, agreed with and deleted, and each outcome shows beside its control', async () => {
    await facilitator.getByLabel('Bring everyone to').selectOption('3');
    for (const p of stakeholders) await expect.poll(() => domainHeading(p).textContent(), { timeout: 10_000 }).toBe('Structures to support shared planning and collaborative working');
    const samPage = page(sam);
    await samPage.getByLabel('Add a strength').fill('Termly steering group with CYPMHS and schools');
    await samPage.getByRole('button', { name: 'Add strength' }).click();
    await samPage.getByLabel('Add a challenge').fill('Governors are rarely involved');
    await samPage.getByRole('button', { name: 'Add challenge' }).click();
    for (const p of [facilitator, presenter, ...stakeholders]) await note(p, 'Termly steering group').waitFor({ timeout: 10_000 });
    expect(await note(page(sasha), 'Termly steering group').textContent()).toContain(sam);

    // An empty note is refused, and the reason is where Priya is looking, even from a button at the foot of her screen.
    await page(priya).getByRole('button', { name: 'Add challenge' }).evaluate((button) => button.scrollIntoView({ block: 'end' }));
    await page(priya).getByRole('button', { name: 'Add challenge' }).click();
    await page(priya).getByText('Write something in the note').waitFor();
    await expect.poll(() => inViewport(page(priya).getByText('Write something in the note').first())).toBe(true);

    // Only Sam may change or delete Sam's note.
    expect(await note(page(sasha), 'Termly steering group').getByRole('button', { name: /^Edit/ }).count()).toBe(0);
    await note(samPage, 'Termly steering group').getByRole('button', { name: /^Edit/ }).click();
    await samPage.getByLabel('Change the note').fill('Termly steering group with CYPMHS, schools and colleges');
    await samPage.getByRole('button', { name: 'Save note' }).click();
    await note(page(omar), 'schools and colleges').waitFor({ timeout: 10_000 });

    for (const name of [sasha, priya]) await note(page(name), 'schools and colleges').getByRole('button', { name: /^Agree \(\d\)/ }).click();
    await expect.poll(() => note(samPage, 'schools and colleges').getByRole('button', { name: /Agree/ }).textContent(), { timeout: 10_000 }).toMatch(/Agree \(2\)/);

    await note(samPage, 'Governors are rarely involved').getByRole('button', { name: /^Delete/ }).click();
    await samPage.getByRole('button', { name: 'Yes, delete it' }).click();
    await expect.poll(() => note(page(omar), 'Governors are rarely involved').count(), { timeout: 10_000 }).toBe(0);
  });

  it('someone who opens the board mid-review gets it drawn by the server, and its controls work the moment they are enabled', async () => {
    const sashaPage = page(sasha);
    await sashaPage.reload();
    // Enabled only once the app has taken the page over, the domain's own controls included.
    await sashaPage.locator('.app-board:not([disabled])').waitFor();
    await sashaPage.getByRole('button', { name: 'Add strength' }).click();
    await sashaPage.getByText('Write something in the note').waitFor();
    expect(await domainHeading(sashaPage).textContent()).toBe('Structures to support shared planning and collaborative working');
    await note(sashaPage, 'schools and colleges').waitFor({ timeout: 10_000 });
  });

  it('a note is grouped into a named theme with the keyboard only', async () => {
    const samPage = page(sam);
    await samPage.getByLabel('Add a strength').fill('Named mental health lead in every secondary school');
    await samPage.getByRole('button', { name: 'Add strength' }).click();
    const omarPage = page(omar);
    await note(omarPage, 'Named mental health lead').waitFor({ timeout: 10_000 });
    // From the note's Agree button: Tab to Group, open it, choose "A new theme…", name it, submit.
    await note(omarPage, 'Named mental health lead').getByRole('button', { name: /Agree/ }).focus();
    await omarPage.keyboard.press('Tab');
    await omarPage.keyboard.press('Enter');
    await expect.poll(() => omarPage.evaluate(() => document.activeElement?.id.startsWith('group-'))).toBe(true);
    await omarPage.keyboard.press('End');
    await omarPage.keyboard.press('Tab');
    await omarPage.keyboard.type('Named people');
    await omarPage.keyboard.press('Enter');
    for (const p of [facilitator, samPage, presenter]) {
      await p.getByRole('region', { name: 'Theme: Named people' }).locator('.app-note__text', { hasText: 'Named mental health lead' }).waitFor({ timeout: 10_000 });
    }
    // A second note joins the theme by a click.
    await note(samPage, 'schools and colleges').getByRole('button', { name: /^Group/ }).click();
    await samPage.getByLabel('Theme for this note').selectOption({ label: 'Named people' });
    await samPage.getByRole('button', { name: 'Group note', exact: true }).click();
    await facilitator.getByRole('region', { name: 'Theme: Named people' }).locator('.app-note__text', { hasText: 'schools and colleges' }).waitFor({ timeout: 10_000 });
    // And with a pointer, as on a wall of sticky notes: a note dragged onto the theme joins it.
    await samPage.getByLabel('Add a strength').fill('Link workers meet each term');
    await samPage.getByRole('button', { name: 'Add strength' }).click();
    const handle = note(samPage, 'Link workers meet each term').locator('.app-note__handle');
    await handle.waitFor();
    const from = (await handle.boundingBox())!;
    const to = (await samPage.getByRole('region', { name: 'Theme: Named people' }).locator('h4').boundingBox())!;
    await samPage.mouse.move(from.x + 30, from.y + from.height / 2);
    await samPage.mouse.down();
    await samPage.mouse.move(to.x + 60, to.y + to.height / 2, { steps: 15 });
    await samPage.mouse.up();
    await facilitator.getByRole('region', { name: 'Theme: Named people' }).locator('.app-note__text', { hasText: 'Link workers meet each term' }).waitFor({ timeout: 10_000 });
    await screenshot(facilitator, 'meeting-focused-domain-facilitator');
    await screenshot(samPage, 'meeting-focused-domain-stakeholder');
    await expectAccessible(samPage, 'focused domain (stakeholder)');
    await expectAccessible(facilitator, 'focused domain (facilitator)');
  });

  it('anonymous notes show no author to anyone, nor in what a stakeholder’s browser receives', async () => {
    // Everyone is told plainly whether their name goes on their notes, before and after the change.
    const anonymity = (p: Page) => p.locator('.app-banner--quiet');
    for (const p of [presenter, ...stakeholders]) expect(await anonymity(p).textContent()).toBe('Notes show who wrote them: your name is on every note you add.');
    await facilitator.getByRole('button', { name: 'Make new notes anonymous' }).click();
    await facilitator.getByText('New notes are anonymous').waitFor();
    for (const p of [facilitator, presenter, ...stakeholders]) {
      await expect.poll(() => anonymity(p).textContent(), { timeout: 10_000 }).toBe('Notes are anonymous: nobody, including the facilitator, sees who wrote them.');
    }
    await page(sam).setViewportSize({ width: 390, height: 844 });
    await screenshot(page(sam), 'meeting-anonymous-notes-phone');
    await page(sam).setViewportSize({ width: 1280, height: 900 });
    const before = received.get(page(sasha))!.length;
    await page(priya).getByLabel('Add a challenge').fill('Waiting lists are long and opaque');
    await page(priya).getByRole('button', { name: 'Add challenge' }).click();
    for (const p of [facilitator, presenter, ...stakeholders]) await note(p, 'Waiting lists are long').getByText('Anonymous').waitFor({ timeout: 10_000 });
    expect(await note(page(priya), 'Waiting lists are long').textContent()).toContain('yours');
    expect(await note(page(sasha), 'Waiting lists are long').textContent()).not.toContain(priya);
    const framesWithNote = received.get(page(sasha))!.slice(before).filter((f) => f.includes('Waiting lists are long'));
    expect(framesWithNote.length).toBeGreaterThan(0);
    for (const frame of framesWithNote) expect(frame).not.toContain(priya);
    await facilitator.getByRole('button', { name: 'Show authors on new notes' }).click();
  });

  it('notes written privately stay private until the facilitator reveals them all at once', async () => {
    await facilitator.getByRole('button', { name: 'Write privately in domain 3' }).click();
    for (const p of stakeholders) await p.getByText('Writing privately in domain 3.').waitFor({ timeout: 10_000 });
    const before = received.get(page(sasha))!.length;
    await page(omar).getByLabel('Add a challenge').fill('Our pathway for eating disorders is unclear');
    await page(omar).getByRole('button', { name: 'Add challenge' }).click();
    await note(page(omar), 'eating disorders').getByText('Only you can see this').waitFor();
    await facilitator.getByRole('button', { name: 'Reveal all notes (1 written)' }).waitFor({ timeout: 10_000 });
    expect(await note(page(sasha), 'eating disorders').count()).toBe(0);
    expect(await note(facilitator, 'eating disorders').count()).toBe(0);
    expect(received.get(page(sasha))!.slice(before).some((f) => f.includes('eating disorders'))).toBe(false);
    await facilitator.getByRole('button', { name: 'Reveal all notes (1 written)' }).click();
    for (const p of [facilitator, presenter, page(sasha)]) await note(p, 'eating disorders').waitFor({ timeout: 10_000 });
  });

  it('the presenter view shows the focused domain in large type, with no control at all', async () => {
    await presenter.locator('#domain-heading').getByText('Structures to support shared planning').waitFor();
    expect(await controlsIn(presenter)).toBe(0);
    await screenshot(presenter, 'meeting-presenter-domain');
    await expectAccessible(presenter, 'presenter view (focused domain)');
  });

  it('the overview shows all seven domains at a glance', async () => {
    await facilitator.getByLabel('Bring everyone to').selectOption('');
    await page(sam).getByRole('list', { name: 'The seven CASCADE domains' }).waitFor({ timeout: 10_000 });
    await presenter.getByRole('list', { name: 'The seven CASCADE domains' }).waitFor({ timeout: 10_000 });
    expect(await page(sam).locator('.app-overview__domain').nth(2).textContent()).toMatch(/3 strengths.*2 challenges/);
    await screenshot(page(sam), 'meeting-overview-stakeholder');
    // On a phone: one column, nothing cut off.
    await page(sam).setViewportSize({ width: 390, height: 844 });
    expect(await page(sam).evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page(sam), 'meeting-overview-phone');
    await page(sam).setViewportSize({ width: 1280, height: 900 });
    await screenshot(presenter, 'meeting-presenter-overview');
    await expectAccessible(page(sam), 'board overview (stakeholder)');
    expect(await controlsIn(presenter)).toBe(0);
  });

  it('votes are confirmed to each voter, shown beside the agreed ratings, and the result is presented', async () => {
    await facilitator.getByLabel('Bring everyone to').selectOption('3');
    await facilitator.getByRole('group', { name: 'Agreed rating for domain 3' }).getByLabel(/^2 – /).check();
    await facilitator.getByLabel('Why, in one line').fill('Planning happens, but not with every partner');
    await facilitator.getByRole('button', { name: 'Record agreed rating' }).click();
    await facilitator.getByText('Agreed rating recorded').waitFor();
    // Moving on with domains unrated asks first, naming them; by keyboard, as any facilitator may.
    const next = facilitator.getByRole('button', { name: 'Next: Areas of greatest need' });
    await next.focus();
    await facilitator.keyboard.press('Enter');
    const controls = facilitator.locator('.app-controls');
    await controls.locator('.govuk-warning-text', { hasText: 'Move everyone on to areas of greatest need? This is not finished:' }).waitFor();
    expect(await controls.getByRole('listitem').allTextContents()).toEqual(['No agreed rating yet for domains 1, 2, 4, 5, 6 and 7']);
    expect(await facilitator.evaluate(() => document.activeElement?.textContent)).toBe('Yes, move on to areas of greatest need');
    await screenshot(facilitator, 'meeting-next-asks-first');
    await expectAccessible(facilitator, 'moving on with unfinished work (facilitator)');
    await facilitator.keyboard.press('Tab');
    await facilitator.keyboard.press('Enter');
    // Staying puts the facilitator back on the button they pressed, and nothing moved.
    await expect.poll(() => facilitator.evaluate(() => document.activeElement?.textContent)).toBe('Next: Areas of greatest need');
    expect(await page(sam).getByRole('heading', { name: 'Domain review', level: 1 }).count()).toBe(1);
    await facilitator.keyboard.press('Enter');
    await facilitator.keyboard.press('Enter');
    await facilitator.getByRole('heading', { name: 'Areas of greatest need', level: 1 }).waitFor({ timeout: 10_000 });
    await facilitator.getByRole('button', { name: 'Open voting' }).click();
    const fillBallot = async (p: Page) => {
      for (const domain of ['Shared planning structures', 'Shared planning structures', 'Integrated working and access']) await p.getByRole('button', { name: new RegExp(`add a vote to ${domain}`) }).click({ timeout: 10_000 });
    };
    const send = async (p: Page) => {
      await p.getByRole('button', { name: 'Send my votes' }).click();
      await p.getByText('Your 3 votes are in.').waitFor();
    };
    // The first fills in a ballot and has not sent it when the others send theirs: it stays as
    // filled in (each vote sent elsewhere once set everyone's unsent ballot back to nothing).
    const [first, ...others] = stakeholders;
    await fillBallot(first!);
    for (const p of others) {
      await fillBallot(p);
      await send(p);
    }
    await first!.getByText(`${others.length} people have voted.`).waitFor({ timeout: 10_000 });
    expect(await first!.getByText(/0 left\./).count()).toBe(1);
    await send(first!);
    expect(await page(sam).getByRole('row', { name: /Shared planning structures/ }).textContent()).toContain('2 – ');
    await facilitator.getByRole('button', { name: /Show the votes \(4 voted\)/ }).click({ timeout: 10_000 });
    await presenter.getByRole('table', { name: /The votes, from 4 people/ }).waitFor({ timeout: 10_000 });
    await screenshot(presenter, 'meeting-presenter-vote-result');
    await screenshot(page(sam), 'meeting-vote-result-stakeholder');
    await expectAccessible(presenter, 'presenter view (vote result)');
    await expectAccessible(page(sam), 'vote result (stakeholder)');
    expect(await controlsIn(presenter)).toBe(0);
  });

  it('the goals phase shows drafts to everyone and on the presenter view', async () => {
    await facilitator.getByRole('button', { name: 'Next: Goals' }).click();
    await facilitator.locator('.app-controls').getByText('The areas of greatest need have not been settled').waitFor();
    await facilitator.getByRole('button', { name: 'Yes, move on to goals' }).click();
    await page(sam).getByRole('button', { name: 'Propose a goal' }).click({ timeout: 10_000 });
    await page(sam).getByLabel('The goal', { exact: true }).first().fill('Every secondary school has a named link worker by June');
    await presenter.getByText('Every secondary school has a named link worker by June').waitFor({ timeout: 10_000 });
    // The presenter shows what makes it SMART under its wording, as it is written.
    await page(sam).getByText('SMART details').first().click();
    await page(sam).getByLabel('Target to reach').first().fill('12 of 12 secondary schools');
    await presenter.locator('.app-presenter__goal-detail').getByText('12 of 12 secondary schools').waitFor({ timeout: 10_000 });
    await page(sam).getByText('All changes saved').waitFor({ timeout: 10_000 });
    await screenshot(facilitator, 'meeting-goals-facilitator');
    await screenshot(presenter, 'meeting-presenter-goals');
    await expectAccessible(page(sam), 'goals phase (stakeholder)');
    expect(await controlsIn(presenter)).toBe(0);
    // The goals' code is loaded on its own (a board opened in the welcome waits for none of it):
    // someone who opens the board now gets the goals drawn, and proposes one the moment it works.
    const sashaPage = page(sasha);
    await sashaPage.reload();
    await sashaPage.locator('.app-board:not([disabled])').waitFor();
    await expect.poll(() => sashaPage.getByLabel('The goal', { exact: true }).first().inputValue(), { timeout: 10_000 }).toBe('Every secondary school has a named link worker by June');
    const goals = await sashaPage.getByLabel('The goal', { exact: true }).count();
    await sashaPage.getByRole('button', { name: 'Propose a goal' }).click();
    await expect.poll(() => sashaPage.getByLabel('The goal', { exact: true }).count(), { timeout: 10_000 }).toBe(goals + 1);
  });

  it('a dropped connection shows a clear banner and everyone comes back by themselves, with nothing lost', async () => {
    // The server process is killed and started again: every connection drops at once.
    await server.kill('SIGKILL');
    for (const p of [page(sasha), facilitator]) await p.getByText('Connection lost – reconnecting…').waitFor({ timeout: 15_000 });
    await server.start();
    for (const p of [page(sasha), facilitator]) await expect.poll(() => p.getByText('Connection lost – reconnecting…').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => page(sasha).getByLabel('The goal', { exact: true }).first().inputValue(), { timeout: 15_000 }).toBe('Every secondary school has a named link worker by June');
    await expect.poll(() => presenter.locator('.app-presenter__people').textContent(), { timeout: 30_000 }).toMatch(/^15 in the room/);
  });

  it('closing asks first; the closed record shows what was agreed', async () => {
    await facilitator.getByRole('button', { name: 'Next: Close' }).click();
    await facilitator.locator('.app-controls').getByText('No goals are locked: the site needs 3').waitFor();
    await facilitator.getByRole('button', { name: 'Yes, move on to close' }).click();
    await presenter.getByRole('heading', { name: 'What we agreed' }).waitFor({ timeout: 10_000 });
    await screenshot(facilitator, 'meeting-close-facilitator');
    await screenshot(presenter, 'meeting-presenter-close');
    await expectAccessible(facilitator, 'close phase (facilitator)');
    await facilitator.getByRole('button', { name: 'Close the meeting' }).click();
    await facilitator.getByRole('button', { name: 'Yes, close the meeting' }).click();
    for (const p of [facilitator, page(sam)]) await p.getByRole('heading', { name: 'Record of the meeting' }).waitFor({ timeout: 10_000 });
    await presenter.getByText('This meeting has closed. Thank you.').waitFor({ timeout: 10_000 });
  });
});
