import type Database from 'better-sqlite3';
import type { MembershipRecord } from './store';
import type { InvitationRow, MeetingRow, SessionRow, UserRow } from './rows';

/** Every query the SQLite store runs, prepared once. */
export function prepareStatements(db: Database.Database) {
  return {
    insertUser: db.prepare(
      'INSERT INTO users (id, email, name, password_hash, is_facilitator, organisation, sector, created_at, deactivated_at, last_sign_in_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    userById: db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
    userByEmail: db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?'),
    updateUser: db.prepare(
      `UPDATE users SET email = COALESCE(?, email), name = COALESCE(?, name), password_hash = COALESCE(?, password_hash), organisation = COALESCE(?, organisation), sector = COALESCE(?, sector),
        deactivated_at = COALESCE(?, deactivated_at), last_sign_in_at = COALESCE(?, last_sign_in_at) WHERE id = ?`,
    ),
    users: db.prepare<[], UserRow>('SELECT * FROM users ORDER BY created_at, rowid'),
    insertSession: db.prepare('INSERT INTO sessions (token_hash, user_id, expires_at, created_at, user_agent) VALUES (?, ?, ?, ?, ?)'),
    session: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE token_hash = ?'),
    deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
    userSessions: db.prepare<[string, string], SessionRow>('SELECT * FROM sessions WHERE user_id = ? AND expires_at > ? ORDER BY created_at DESC'),
    deleteUserSessions: db.prepare('DELETE FROM sessions WHERE user_id = ? AND token_hash != ?'),
    insertSite: db.prepare('INSERT INTO sites (id, name, created_at) VALUES (?, ?, ?)'),
    siteById: db.prepare<[string], { id: string; name: string; created_at: string }>('SELECT * FROM sites WHERE id = ?'),
    siteByName: db.prepare<[string], { id: string; name: string; created_at: string }>(
      'SELECT * FROM sites WHERE name = ?',
    ),
    sites: db.prepare<[], { id: string; name: string; created_at: string }>('SELECT * FROM sites ORDER BY created_at, rowid'),
    putMembership: db.prepare(
      'INSERT INTO memberships (site_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT (site_id, user_id) DO UPDATE SET role = excluded.role',
    ),
    removeMembership: db.prepare('DELETE FROM memberships WHERE site_id = ? AND user_id = ?'),
    membership: db.prepare<[string, string], { site_id: string; user_id: string; role: MembershipRecord['role'] }>(
      'SELECT * FROM memberships WHERE site_id = ? AND user_id = ?',
    ),
    siteMembers: db.prepare<[string], { site_id: string; user_id: string; role: MembershipRecord['role'] }>(
      'SELECT * FROM memberships WHERE site_id = ? ORDER BY rowid',
    ),
    userMemberships: db.prepare<[string], { site_id: string; user_id: string; role: MembershipRecord['role'] }>(
      'SELECT * FROM memberships WHERE user_id = ? ORDER BY rowid',
    ),
    insertInvitation: db.prepare(
      'INSERT INTO invitations (id, site_id, email, role, token_hash, invited_by, created_at, expires_at, accepted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    invitationByToken: db.prepare<[string], InvitationRow>('SELECT * FROM invitations WHERE token_hash = ?'),
    pendingInvitations: db.prepare<[string, string], InvitationRow>(
      'SELECT * FROM invitations WHERE site_id = ? AND accepted_at IS NULL AND expires_at > ? ORDER BY created_at',
    ),
    consumeInvitation: db.prepare('UPDATE invitations SET accepted_at = ? WHERE id = ? AND accepted_at IS NULL'),
    withdrawInvitation: db.prepare('DELETE FROM invitations WHERE site_id = ? AND id = ? AND accepted_at IS NULL'),
    insertMeeting: db.prepare(
      'INSERT INTO meetings (id, site_id, kind, starts_at, duration_minutes, status, attendee_ids, base_meeting_id, started_at, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    meeting: db.prepare<[string], MeetingRow>('SELECT * FROM meetings WHERE id = ?'),
    siteMeetings: db.prepare<[string], MeetingRow>('SELECT * FROM meetings WHERE site_id = ? ORDER BY starts_at, created_at'),
    // Going live records when: the meeting's record says when it was held.
    changeMeetingStatus: db.prepare<{ to: string; at: string; id: string; from: string }>(
      "UPDATE meetings SET status = @to, started_at = CASE WHEN @to = 'live' THEN @at ELSE started_at END WHERE id = @id AND status = @from",
    ),
    linkReview: db.prepare("UPDATE meetings SET base_meeting_id = ? WHERE id = ? AND status != 'closed'"),
    rescheduleMeeting: db.prepare("UPDATE meetings SET starts_at = ?, duration_minutes = ? WHERE id = ? AND status = 'scheduled'"),
    addMeetingAttendee: db.prepare(
      "UPDATE meetings SET attendee_ids = json_insert(attendee_ids, '$[#]', ?) WHERE id = ? AND NOT EXISTS (SELECT 1 FROM json_each(attendee_ids) WHERE value = ?)",
    ),
    putPreRating: db.prepare(
      'INSERT INTO pre_ratings (meeting_id, user_id, domain, rating, comment, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (meeting_id, user_id, domain) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, updated_at = excluded.updated_at',
    ),
    preRatings: db.prepare<[string], { meeting_id: string; user_id: string; domain: number; rating: number | null; comment: string; updated_at: string }>(
      'SELECT * FROM pre_ratings WHERE meeting_id = ? ORDER BY user_id, domain',
    ),
    versioned: db.prepare<[string, string], { version: number; json: string }>('SELECT version, json FROM versioned_records WHERE kind = ? AND id = ?'),
    insertVersioned: db.prepare('INSERT OR IGNORE INTO versioned_records (kind, id, version, json) VALUES (?, ?, ?, ?)'),
    updateVersioned: db.prepare('UPDATE versioned_records SET version = ?, json = ? WHERE kind = ? AND id = ? AND version = ?'),
    recordAttendance: db.prepare('INSERT OR IGNORE INTO attendance (meeting_id, user_id, first_joined_at) VALUES (?, ?, ?)'),
    attendance: db.prepare<[string], { meeting_id: string; user_id: string; first_joined_at: string }>(
      'SELECT * FROM attendance WHERE meeting_id = ? ORDER BY first_joined_at, user_id',
    ),
    insertSnapshot: db.prepare('INSERT OR IGNORE INTO meeting_snapshots (meeting_id, snapshot) VALUES (?, ?)'),
    replaceSnapshot: db.prepare('UPDATE meeting_snapshots SET snapshot = ? WHERE meeting_id = ?'),
    deleteInvitationsTo: db.prepare('DELETE FROM invitations WHERE email = ?'),
    deletePreRatingsBy: db.prepare('DELETE FROM pre_ratings WHERE user_id = ?'),
    snapshot: db.prepare<[string], { snapshot: string }>('SELECT snapshot FROM meeting_snapshots WHERE meeting_id = ?'),
    saveInstrument: db.prepare('INSERT INTO instruments (id, version, json) VALUES (?, ?, ?) ON CONFLICT (id, version) DO UPDATE SET json = excluded.json'),
    instrument: db.prepare<[string, string], { json: string }>('SELECT json FROM instruments WHERE id = ? AND version = ?'),
    instruments: db.prepare<[], { id: string; version: string; json: string }>('SELECT * FROM instruments ORDER BY id, version'),
    insertCampaign: db.prepare('INSERT INTO survey_campaigns (id, site_id, public_token, json) VALUES (?, ?, ?, ?)'),
    saveCampaign: db.prepare('UPDATE survey_campaigns SET json = ? WHERE id = ?'),
    campaign: db.prepare<[string], { json: string }>('SELECT json FROM survey_campaigns WHERE id = ?'),
    campaignByToken: db.prepare<[string], { json: string }>('SELECT json FROM survey_campaigns WHERE public_token = ?'),
    siteCampaigns: db.prepare<[string], { json: string }>('SELECT json FROM survey_campaigns WHERE site_id = ? ORDER BY rowid'),
    recordSubmission: db.prepare('INSERT OR IGNORE INTO survey_submissions (campaign_id, submission_id) VALUES (?, ?)'),
    insertCode: db.prepare('INSERT OR IGNORE INTO survey_access_codes (campaign_id, code_hash) VALUES (?, ?)'),
    useCode: db.prepare('DELETE FROM survey_access_codes WHERE campaign_id = ? AND code_hash = ?'),
    unusedCode: db.prepare<[string, string], { found: number }>('SELECT 1 AS found FROM survey_access_codes WHERE campaign_id = ? AND code_hash = ?'),
    insertResponse: db.prepare('INSERT INTO survey_responses (campaign_id, submitted_on, answers, context) VALUES (?, ?, ?, ?)'),
    countResponses: db.prepare<[string], { n: number }>('SELECT n FROM survey_response_counts WHERE campaign_id = ?'),
    deleteResponses: db.prepare('DELETE FROM survey_responses WHERE campaign_id = ?'),
    resetResponseCount: db.prepare('UPDATE survey_response_counts SET n = 0 WHERE campaign_id = ?'),
    incrementResponses: db.prepare('INSERT INTO survey_response_counts (campaign_id, n) VALUES (?, 1) ON CONFLICT (campaign_id) DO UPDATE SET n = n + 1'),
    responses: db.prepare<[string, number], { seq: number; submitted_on: string; answers: string; context: string }>(
      'SELECT seq, submitted_on, answers, context FROM survey_responses WHERE campaign_id = ? ORDER BY seq LIMIT ?',
    ),
    release: db.prepare<[string], { json: string }>('SELECT json FROM survey_releases WHERE campaign_id = ?'),
    touchHealth: db.prepare("INSERT INTO health (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at"),
    insertRelease: db.prepare('INSERT OR IGNORE INTO survey_releases (campaign_id, current_size, json) VALUES (?, ?, ?)'),
    updateRelease: db.prepare('UPDATE survey_releases SET current_size = ?, json = ? WHERE campaign_id = ? AND current_size = ?'),
    // A null meeting id matches no facilitation state: nothing pauses the document.
    appendUpdateUnlessPaused: db.prepare(
      "INSERT INTO doc_updates (doc, update_bytes) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM versioned_records WHERE kind = 'facilitation' AND id = ? AND json_extract(json, '$.paused') IS NOT NULL)",
    ),
    docUpdates: db.prepare<[string], { seq: number; update_bytes: Buffer }>(
      'SELECT seq, update_bytes FROM doc_updates WHERE doc = ? ORDER BY seq',
    ),
    docSnapshot: db.prepare<[string], { snapshot: Buffer; head: number }>(
      'SELECT snapshot, head FROM doc_snapshots WHERE doc = ?',
    ),
    putSnapshot: db.prepare(
      'INSERT INTO doc_snapshots (doc, snapshot, head) VALUES (?, ?, ?) ON CONFLICT (doc) DO UPDATE SET snapshot = excluded.snapshot, head = excluded.head WHERE excluded.head > doc_snapshots.head',
    ),
    deleteUpdatesUpTo: db.prepare('DELETE FROM doc_updates WHERE doc = ? AND seq <= ?'),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
