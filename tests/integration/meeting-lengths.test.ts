import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/http';
import { startApp, type InProcessServer } from '../helpers/app';
import { demoPassword } from '../helpers/server';
import { bookingIn } from '../helpers/dates';

/**
 * Guide sections 4 to 6: a consultation is "an online meeting of up to three hours", tailored
 * sessions "online, interactive workshops of up to three hours", reviews "an online meeting of
 * 1.5 hours". Longer is refused in those words, when booking and when moving.
 */
let server: InProcessServer;
let facilitator: ApiClient;
let siteId: string;

beforeAll(async () => {
  server = await startApp();
  facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitator.post('/api/sites', { name: 'Lengths Borough' })).body.id;
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

const book = (kind: string, durationMinutes: number, day = 20) => facilitator.post(`/api/sites/${siteId}/meetings`, { kind, startsAt: bookingIn(day), durationMinutes, attendeeIds: [] });
const session = (format: string, durationMinutes: number) =>
  facilitator.post(`/api/sites/${siteId}/tailored-sessions`, { title: `A ${format}`, format, domains: [1], startsAt: bookingIn(40), durationMinutes });

describe('how long each kind of meeting lasts', () => {
  it('refuses a consultation over three hours, in the guide’s words', async () => {
    const refused = await book('consultation', 181);
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toEqual({ durationMinutes: 'A consultation meeting lasts at most three hours (180 minutes); the programme guide has it as “an online meeting of up to three hours”' });
    expect((await book('consultation', 180)).status).toBe(201);
  });

  it('lets a review run past its usual 1.5 hours up to three, and no further, when booked or moved', async () => {
    const review = await book('review-3m', 180, 60);
    expect(review.status).toBe(201);
    const longer = await facilitator.request('PATCH', `/api/meetings/${review.body.id}`, { startsAt: bookingIn(61), durationMinutes: 200 });
    expect(longer.status).toBe(400);
    expect(longer.body.error).toBe('A review meeting lasts at most three hours (180 minutes); the programme guide has it as “an online meeting of 1.5 hours”');
    expect((await book('review-6m', 240, 90)).body.fields).toEqual({ durationMinutes: longer.body.error });
  });

  it('refuses a workshop over three hours, but not an online learning module, which people work through in their own time', async () => {
    const workshop = await session('large-workshop', 240);
    expect(workshop.status).toBe(400);
    expect(workshop.body.fields).toEqual({ durationMinutes: 'A tailored support session lasts at most three hours (180 minutes); the programme guide has them as “online, interactive workshops of up to three hours”' });
    expect((await session('facilitated-discussion', 180)).status).toBe(201);
    expect((await session('online-module', 240)).status).toBe(201);
  });
});
