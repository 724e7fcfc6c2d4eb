import type { MeetingStatus } from '@shared/meetings/meeting';
import type { ArchivableStore } from './archive-format';
import type { ReleaseHistory } from '@shared/survey/anonymity';
import type {
  AttendanceRecord,
  NewSession,
  NewUser,
  NewMeeting,
  InvitationRecord,
  MeetingRecord,
  MembershipRecord,
  PreRatingRecord,
  SessionRecord,
  SiteRecord,
  SurveyCampaignRecord,
  SurveyResponseRecord,
  UserRecord,
} from './records';

export type {
  AttendanceRecord,
  InvitationRecord,
  MeetingRecord,
  MembershipRecord,
  PreRatingRecord,
  SiteRecord,
  SurveyCampaignRecord,
  UserRecord,
} from './records';

/** What became of a submission: stored now, stored before (the same submission sent again), or refused for its code. */
export type SubmitOutcome = 'stored' | 'already-stored' | 'code-refused';

/** What is stored for one Yjs document: a folded snapshot plus the updates appended since. */
export interface StoredDoc {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Opaque marker of the last update read; pass it back to `compactDoc`. */
  head: string;
}

/**
 * Everything the server keeps. Two implementations (SQLite, PostgreSQL) pass the same contract
 * suite in tests/store.contract.test.ts. Methods resolve only once the write is durable.
 */
/** Records kept by compare-and-set: facilitation, registrations and the meeting plan by meeting; the rest by site (names used: by person). */
export type VersionedKind = 'facilitation' | 'goal-book' | 'directory' | 'registrations' | 'tailored-sessions' | 'evaluation' | 'evaluation-releases' | 'survey-invitations' | 'programme-plan' | 'password-link' | 'password-link-generation' | 'audit-log' | 'names-used' | 'meeting-plan' | 'facilitator-script' | 'goal-check-in-reminders' | 'school-survey-choice';

/** The log of one Yjs document: what the collaboration rooms need, and nothing else. */
export interface DocLog {
  /** Appends one update; resolves with the new head once it is durable. */
  appendDocUpdate(docName: string, update: Uint8Array): Promise<string>;
  /**
   * Appends one update unless the meeting is paused, read in the statement that stores it: a
   * pause acknowledged by any process holds from then on, whatever this process has heard.
   * Resolves with the new head, or null (nothing stored) while the meeting is paused. With no
   * meeting (null) nothing pauses the document: it is `appendDocUpdate`.
   */
  appendDocUpdateUnlessPaused(docName: string, update: Uint8Array, meetingId: string | null): Promise<string | null>;
  loadDoc(docName: string): Promise<StoredDoc>;
  /**
   * Replaces the snapshot and every update up to and including `head` with `snapshot`, which
   * must contain them all. A compaction older than the stored snapshot is ignored.
   */
  compactDoc(docName: string, snapshot: Uint8Array, head: string): Promise<void>;
}

/**
 * Records changed only by compare-and-set (a meeting's facilitation state, a site's goal book,
 * event books…), as JSON with the version they were saved at.
 */
export interface VersionedRecords {
  getVersioned(kind: VersionedKind, id: string): Promise<{ json: string; version: number } | null>;
  /** Saves the record only if the stored version is still `expectedVersion` (0: none yet). */
  saveVersioned(kind: VersionedKind, id: string, expectedVersion: number, version: number, json: string): Promise<boolean>;
}

export type UserChanges = Partial<Pick<UserRecord, 'email' | 'name' | 'passwordHash' | 'organisation' | 'sector' | 'deactivatedAt' | 'lastSignInAt'>>;

/** People, sites, memberships, invitations and sessions. */
interface Accounts {
  createUser(user: NewUser): Promise<void>;
  getUserById(id: string): Promise<UserRecord | null>;
  getUserByEmail(email: string): Promise<UserRecord | null>;
  updateUser(id: string, changes: UserChanges): Promise<void>;
  /** Every account, oldest first (for administrators). */
  listUsers(): Promise<UserRecord[]>;

  createSession(session: NewSession): Promise<void>;
  getSession(tokenHash: string): Promise<SessionRecord | null>;
  deleteSession(tokenHash: string): Promise<void>;
  /** The person's sessions that have not expired, newest first. */
  listUserSessions(userId: string, now: string): Promise<SessionRecord[]>;
  /** Ends every session of the person except `keep` (a token hash): "sign out everywhere". */
  deleteUserSessions(userId: string, keep?: string): Promise<void>;

  createSite(site: SiteRecord): Promise<void>;
  getSite(id: string): Promise<SiteRecord | null>;
  getSiteByName(name: string): Promise<SiteRecord | null>;
  /** Every site, oldest first (for jobs that look across sites, such as reminders). */
  listSites(): Promise<SiteRecord[]>;

  /** Adds or changes a membership. */
  putMembership(membership: MembershipRecord): Promise<void>;
  removeMembership(siteId: string, userId: string): Promise<void>;
  getMembership(siteId: string, userId: string): Promise<MembershipRecord | null>;
  listSiteMembers(siteId: string): Promise<MembershipRecord[]>;
  listUserMemberships(userId: string): Promise<MembershipRecord[]>;

  createInvitation(invitation: InvitationRecord): Promise<void>;
  getInvitationByTokenHash(tokenHash: string): Promise<InvitationRecord | null>;
  listPendingInvitations(siteId: string, now: string): Promise<InvitationRecord[]>;
  /** Marks an invitation used; false when it was already used (single use, even under races). */
  consumeInvitation(id: string, acceptedAt: string): Promise<boolean>;
  /** Withdraws an unused invitation of the site: its link stops working. False if there is none (or it was used). */
  withdrawInvitation(siteId: string, id: string): Promise<boolean>;
  /** Deletes every invitation ever sent to the address, on any site (erasing a person). */
  eraseInvitationsTo(email: string): Promise<void>;
}

/** Meetings, their pre-meeting ratings, attendance and the frozen record of a closed one. */
interface Meetings {
  createMeeting(meeting: NewMeeting): Promise<void>;
  getMeeting(id: string): Promise<MeetingRecord | null>;
  listSiteMeetings(siteId: string): Promise<MeetingRecord[]>;
  /** Moves a meeting from one status to the next; false if it was not in `from` (someone else moved it). */
  changeMeetingStatus(id: string, from: MeetingStatus, to: MeetingStatus): Promise<boolean>;
  /** Moves a meeting that has not started; false if it has (someone started it meanwhile). */
  rescheduleMeeting(id: string, startsAt: string, durationMinutes: number): Promise<boolean>;
  /** Adds someone to a meeting's attendees (once, however many times it is called). */
  addMeetingAttendee(meetingId: string, userId: string): Promise<void>;
  /** Records which meeting a review reviews; false once the review has closed (its record is final). */
  linkReview(reviewId: string, baseMeetingId: string): Promise<boolean>;

  putPreRating(rating: PreRatingRecord): Promise<void>;
  listPreRatings(meetingId: string): Promise<PreRatingRecord[]>;
  /** Deletes the person's pre-meeting ratings (and comments) for these meetings (erasing a person). */
  deletePreRatingsBy(userId: string, meetingIds: readonly string[]): Promise<void>;

  /** Records someone joining; keeps the first time only. */
  recordAttendance(entry: AttendanceRecord): Promise<void>;
  listAttendance(meetingId: string): Promise<AttendanceRecord[]>;

  /** Stores the frozen record of a closed meeting; false if one exists (it never changes). */
  saveMeetingSnapshot(meetingId: string, json: string): Promise<boolean>;
  getMeetingSnapshot(meetingId: string): Promise<string | null>;
  /** Replaces a frozen record: only to take a person out of it when they are erased. */
  replaceMeetingSnapshot(meetingId: string, json: string): Promise<void>;
}

/** The school survey: instruments, campaigns, access codes, responses and releases. */
interface Surveys {
  saveInstrument(id: string, version: string, json: string): Promise<void>;
  getInstrument(id: string, version: string): Promise<string | null>;
  listInstruments(): Promise<{ id: string; version: string; json: string }[]>;

  createCampaign(campaign: SurveyCampaignRecord): Promise<void>;
  getCampaign(id: string): Promise<SurveyCampaignRecord | null>;
  /** Replaces a campaign's record (its dates and their record of changes); the link and site stay. */
  saveCampaign(campaign: SurveyCampaignRecord): Promise<void>;
  getCampaignByToken(publicToken: string): Promise<SurveyCampaignRecord | null>;
  listSiteCampaigns(siteId: string): Promise<SurveyCampaignRecord[]>;
  addAccessCodes(campaignId: string, codeHashes: string[]): Promise<void>;
  /** Whether a code of the campaign is still unused (nothing is used up by asking). */
  hasUnusedAccessCode(campaignId: string, codeHash: string): Promise<boolean>;
  /**
   * Stores a response once per submission id, using up the access code first when one is
   * given, in one atomic step. No link between the code and the response is kept.
   */
  submitResponse(campaignId: string, response: Omit<SurveyResponseRecord, 'seq'>, codeHash: string | null, submissionId: string | null): Promise<SubmitOutcome>;
  countResponses(campaignId: string): Promise<number>;
  /** Deletes every response of the campaign (the retention rule); resolves with how many there were. */
  deleteResponses(campaignId: string): Promise<number>;
  /** The first `limit` responses in the order they arrived. */
  listResponses(campaignId: string, limit: number): Promise<SurveyResponseRecord[]>;
  /** Every release made for the campaign, oldest first (empty before the first). */
  getReleases(campaignId: string): Promise<ReleaseHistory>;
  /** Saves the history only if its stored latest release still has `expectedSize` (null: none yet). */
  saveReleases(campaignId: string, history: ReleaseHistory, expectedSize: number | null): Promise<boolean>;
}

/** Everything stored, in narrow parts: code that needs one part asks for that part only. */
export interface Store extends Accounts, Meetings, Surveys, VersionedRecords, DocLog, ArchivableStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Resolves once a small write has been stored; rejects when the store cannot write (used by /readyz). */
  checkWritable(): Promise<void>;
  /**
   * Rewrites what still holds overwritten or deleted data on disk (SQLite's write-ahead log;
   * PostgreSQL's dead row versions), so an erased person's details are not left in old copies.
   */
  dropOldCopies(): Promise<void>;
  close(): Promise<void>;
}
