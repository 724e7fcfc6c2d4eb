import type { AttendanceEntry } from '@shared/meetings/meeting';
import type { Store } from '../store';

/** Who joined a meeting, with their organisation and sector as they are now. */
export async function attendanceRegister(store: Store, meetingId: string): Promise<AttendanceEntry[]> {
  const entries: AttendanceEntry[] = [];
  for (const entry of await store.listAttendance(meetingId)) {
    const user = await store.getUserById(entry.userId);
    entries.push({
      userId: entry.userId,
      name: user?.name ?? '',
      organisation: user?.organisation ?? '',
      sector: user?.sector ?? '',
      firstJoinedAt: entry.firstJoinedAt,
    });
  }
  return entries;
}
