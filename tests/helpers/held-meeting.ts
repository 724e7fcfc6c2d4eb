import { ApiClient } from './http';
import { connectedSocket, request } from './realtime';

/**
 * Schedules a consultation starting now with `attendees` invited, starts it, has each of them
 * join it over socket.io (which records them as attending) and closes it: the closed record
 * then lists exactly them. Returns the meeting's id.
 */
export async function holdMeetingWith(server: { url: string }, facilitator: ApiClient, siteId: string, attendees: ApiClient[]): Promise<string> {
  const ids = await Promise.all(attendees.map(async (a) => (await a.get('/api/me')).body.id as string));
  const scheduled = await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: new Date(Date.now() + 60_000).toISOString(), durationMinutes: 120, attendeeIds: ids });
  if (scheduled.status !== 201) throw new Error(`scheduling: ${JSON.stringify(scheduled.body)}`);
  const meetingId = scheduled.body.id as string;
  const started = await facilitator.post(`/api/meetings/${meetingId}/start`);
  if (started.status !== 200) throw new Error(`starting: ${JSON.stringify(started.body)}`);
  for (const attendee of attendees) {
    const socket = await connectedSocket(server.url, attendee.cookie);
    const joined = await request(socket, 'meeting:join', { meetingId });
    socket.close();
    if (!joined.ok) throw new Error(`joining: ${joined.error}`);
  }
  const closed = await facilitator.post(`/api/meetings/${meetingId}/close`);
  if (closed.status !== 200) throw new Error(`closing: ${JSON.stringify(closed.body)}`);
  return meetingId;
}
