import { InvitationRecord, MeetingRecord, SessionRecord, UserRecord } from './records';

/** Rows as both SQL stores hold them (the same tables and columns), and the records they become. */

export interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  is_facilitator: number;
  organisation: string;
  sector: string;
  created_at: string;
  deactivated_at: string | null;
  last_sign_in_at: string | null;
}
export interface SessionRow {
  token_hash: string;
  user_id: string;
  expires_at: string;
  created_at: string;
  user_agent: string;
}
export interface MeetingRow {
  id: string;
  site_id: string;
  kind: string;
  starts_at: string;
  duration_minutes: number;
  status: string;
  attendee_ids: string;
  base_meeting_id: string | null;
  started_at: string | null;
  created_by: string;
  created_at: string;
}
/** Rows are parsed by the record's schema like any stored record: a column holding an unknown kind fails here. */
export const toMeeting = (row: MeetingRow): MeetingRecord =>
  MeetingRecord.parse({
  id: row.id,
  siteId: row.site_id,
  kind: row.kind,
  startsAt: row.starts_at,
  durationMinutes: row.duration_minutes,
  status: row.status,
  attendeeIds: JSON.parse(row.attendee_ids),
  baseMeetingId: row.base_meeting_id,
  startedAt: row.started_at,
  createdBy: row.created_by,
  createdAt: row.created_at,
});
export interface InvitationRow {
  id: string;
  site_id: string;
  email: string;
  role: string;
  token_hash: string;
  invited_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
}

export const toUser = (row: UserRow | undefined): UserRecord | null =>
  row
    ? UserRecord.parse({
        id: row.id,
        email: row.email,
        name: row.name,
        passwordHash: row.password_hash,
        isFacilitator: row.is_facilitator === 1,
        organisation: row.organisation,
        sector: row.sector,
        createdAt: row.created_at,
        deactivatedAt: row.deactivated_at,
        lastSignInAt: row.last_sign_in_at,
      })
    : null;

export const toSession = (row: SessionRow): SessionRecord =>
  SessionRecord.parse({ tokenHash: row.token_hash, userId: row.user_id, expiresAt: row.expires_at, createdAt: row.created_at, userAgent: row.user_agent });

export const toInvitation = (row: InvitationRow): InvitationRecord =>
  InvitationRecord.parse({
  id: row.id,
  siteId: row.site_id,
  email: row.email,
  role: row.role,
  tokenHash: row.token_hash,
  invitedBy: row.invited_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  acceptedAt: row.accepted_at,
});

export const toBytes = (buffer: Buffer): Uint8Array => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

