import type { Meeting } from '@shared/meetings/meeting';
import type { MeetingRecord } from '../store/store';

/** A stored meeting as the API shows it (without who created it). */
export const toMeeting = (m: MeetingRecord): Meeting => ({
  id: m.id,
  siteId: m.siteId,
  kind: m.kind,
  startsAt: m.startsAt,
  durationMinutes: m.durationMinutes,
  status: m.status,
  startedAt: m.startedAt,
  attendeeIds: m.attendeeIds,
  baseMeetingId: m.baseMeetingId,
  createdAt: m.createdAt,
});
