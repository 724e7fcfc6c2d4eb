import * as Y from 'yjs';
import { applyBoardEffect, readBoard, readThemes } from '@shared/cascade/board';
import { boardEffectOf, noteActionTypes, type NoteAction } from '@shared/meetings/board-notes';
import { domainIds } from '@shared/cascade/framework';
import {
  applyAction,
  distributionOf,
  initialFacilitationState,
  viewFor,
  voteTotals,
  type Actor,
  FacilitationState,
  type KnownGoals,
  type ParsedFacilitationAction,
} from '@shared/meetings/facilitation';
import { goalsNamedBy } from '@shared/meeting-actions';
import { readGoalDrafts } from '@shared/goals/drafts';
import type { SiteRole } from '@shared/roles';
import { meetingBoardDocName, meetingGoalsDocName, type PreRating } from '@shared/meetings/meeting';
import { MeetingSnapshot } from '@shared/meetings/snapshot';
import type { MeetingStateEvent } from '@shared/realtime';
import { readGoalsDoc } from './goals-doc';
import { attendanceRegister } from './attendance';
import { toMeeting } from './meeting-json';
import type { DocRegistry } from '../collab/doc-registry';
import { applyStoredDoc } from '../collab/stored-doc';
import { linkReviewAtStart } from './review-link';
import { HttpError } from '../http/errors';
import type { GoalService } from '../goals/service';
import type { Store } from '../store';
import type { DomainEvents } from '../events/domain-events';
import { readVersioned, updateVersioned, type Change, type NamedChange } from '../store/versioned';
import type { MeetingRecord } from '../store/store';

const isNoteAction = (action: { type: string }): action is NoteAction => noteActionTypes.has(action.type);

/** The site's facilitators, by name: the only people the controls may be handed to. */
async function siteFacilitators(store: Store, siteId: string): Promise<{ userId: string; name: string }[]> {
  const members = (await store.listSiteMembers(siteId)).filter((m) => m.role === 'facilitator');
  return Promise.all(members.map(async (m) => ({ userId: m.userId, name: (await store.getUserById(m.userId))?.name ?? '' })));
}

/**
 * The server's side of a live meeting. Every action is applied by the pure reducer in
 * shared/ to the stored state and saved by compare-and-set, so each is applied exactly once
 * in one order however many facilitators (or processes) act at the same moment.
 */
export class FacilitationService {
  constructor(
    private readonly store: Store,
    private readonly registry: DocRegistry,
    private readonly goals: GoalService,
    private readonly events: DomainEvents,
  ) {}

  state(meetingId: string): Promise<FacilitationState> {
    return readVersioned(this.store, 'facilitation', meetingId, initialFacilitationState, FacilitationState);
  }

  /** Saves a change to the meeting's state by compare-and-set (once per `named` change, when given). */
  private save(meetingId: string, change: (current: FacilitationState) => Change<FacilitationState>, named?: NamedChange): Promise<FacilitationState> {
    return updateVersioned(this.store, 'facilitation', meetingId, initialFacilitationState, change, FacilitationState, { change: named });
  }

  /** The meeting as one person sees it, with what they may do in it now. */
  async view(meeting: MeetingRecord, viewer: { userId: string; role: SiteRole }, state?: FacilitationState): Promise<MeetingStateEvent> {
    return (await this.viewsOf(meeting, state))(viewer);
  }

  /**
   * Views of one state for everyone who looks at it: the goal book is read once for all of them
   * (which locked goals each may rate), not once a person.
   */
  async viewsOf(meeting: MeetingRecord, state?: FacilitationState): Promise<(viewer: { userId: string; role: SiteRole }) => MeetingStateEvent> {
    const lockedGoalIds = (await this.goals.book(meeting.siteId)).goals.map((g) => g.id);
    const current = state ?? (await this.state(meeting.id));
    const now = new Date();
    return (viewer) => ({ meetingId: meeting.id, ...viewFor(current, { ...viewer, meeting: { kind: meeting.kind, lockedGoalIds } }, now) });
  }

  /**
   * The goals an action's goal ids may name, read only for actions that name goals: the drafts
   * stored in the meeting's co-edited document (stored before relayed, so what people see), or
   * the site's locked goals.
   */
  private async knownGoals(meeting: MeetingRecord, type: ParsedFacilitationAction['type']): Promise<KnownGoals> {
    const named = goalsNamedBy(type);
    if (named === 'locked') return { drafts: [], locked: (await this.goals.book(meeting.siteId)).goals.map((g) => g.id) };
    if (named !== 'drafts') return { drafts: [], locked: [] };
    const doc = await readGoalsDoc(this.store, meeting.siteId, meeting.id);
    const drafts = readGoalDrafts(doc).map((d) => d.id);
    doc.destroy();
    return { drafts, locked: [] };
  }

  async preRatings(meetingId: string): Promise<Pick<PreRating, 'domain' | 'rating'>[]> {
    return (await this.store.listPreRatings(meetingId)).map((r) => ({ domain: r.domain as PreRating['domain'], rating: r.rating as PreRating['rating'] }));
  }

  /** Applies an action once: with an `actionId`, the same action sent again changes nothing. */
  async act(meeting: MeetingRecord, actor: Actor, action: ParsedFacilitationAction, actionId?: string): Promise<MeetingStateEvent> {
    if (meeting.status !== 'live') {
      throw new HttpError(409, meeting.status === 'closed' ? 'This meeting has closed' : 'This meeting has not started yet');
    }
    const preRatings = action.type === 'reveal-ratings' ? await this.preRatings(meeting.id) : [];
    const goals = await this.knownGoals(meeting, action.type);
    const facilitators = action.type === 'hand-over' ? await siteFacilitators(this.store, meeting.siteId) : [];
    const state = await this.save(
      meeting.id,
      (current) => {
        const outcome = applyAction(current, action, { actor, now: new Date(), preRatings, kind: meeting.kind, goals, facilitators });
        return outcome.ok ? { ok: true, value: outcome.state } : outcome;
      },
      actionId ? { id: actionId, request: { action } } : undefined,
    );
    // Then the board, as the server: worked out from the saved state, so a retried action that
    // was saved before repeats it harmlessly.
    const effect = isNoteAction(action) ? boardEffectOf(action, state.notes, actor.name ?? '') : null;
    if (effect) await this.registry.change(meetingBoardDocName(meeting.siteId, meeting.id), (doc) => applyBoardEffect(doc, effect));
    await this.events.publish({ type: 'meeting-state', meetingId: meeting.id, state });
    return this.view(meeting, actor, state);
  }

  /**
   * Notes whether the facilitator driving the meeting is still connected: when their last
   * connection closes the other facilitator is offered the controls, and when they come back
   * (still driving) the offer goes. Nothing changes for anyone who is not driving.
   */
  async driverConnected(meeting: MeetingRecord, userId: string, connected: boolean): Promise<void> {
    if (meeting.status !== 'live') return;
    const state = await this.save(meeting.id, (current) => {
      if (current.driver?.userId !== userId || current.driver.away === !connected) return { ok: true, value: current };
      return { ok: true, value: { ...current, version: current.version + 1, driver: { ...current.driver, away: !connected } } };
    });
    if (state.driver?.userId === userId) await this.events.publish({ type: 'meeting-state', meetingId: meeting.id, state });
  }

  async start(meeting: MeetingRecord): Promise<void> {
    if (!(await this.store.changeMeetingStatus(meeting.id, 'scheduled', 'live'))) {
      throw new HttpError(409, 'Only a scheduled meeting can be started');
    }
    await linkReviewAtStart({ store: this.store, registry: this.registry }, meeting);
    await this.events.publish({ type: 'meeting-status', meetingId: meeting.id, status: 'live' });
  }

  /**
   * Closes the meeting: the board stops taking changes, everything it accepted is stored, and
   * a snapshot of board, ratings, votes and attendance is written once and never changes.
   */
  async close(meeting: MeetingRecord): Promise<MeetingSnapshot> {
    const closedNow = await this.store.changeMeetingStatus(meeting.id, 'live', 'closed');
    // A close that stopped half way (closed, no snapshot yet) may be finished by trying again.
    const unfinished = !closedNow && (await this.store.getMeeting(meeting.id))?.status === 'closed' && !(await this.snapshot(meeting.id));
    if (!closedNow && !unfinished) throw new HttpError(409, 'Only a live meeting can be closed');
    const docName = meetingBoardDocName(meeting.siteId, meeting.id);
    await Promise.all([this.registry.freeze(docName), this.registry.freeze(meetingGoalsDocName(meeting.siteId, meeting.id))]);
    const doc = applyStoredDoc(new Y.Doc(), await this.store.loadDoc(docName));
    await this.goals.keepReviewNotes(meeting);

    const state = await this.state(meeting.id);
    const preRatings = await this.preRatings(meeting.id);
    const attendance = await attendanceRegister(this.store, meeting.id);
    const { serverTime: _serverTime, ...facilitation } = { meetingId: meeting.id, ...viewFor(state, null, new Date()) };
    // Votes that were never revealed are still counted in the record, as totals only.
    facilitation.voting.totals = voteTotals(state.voting.ballots);
    const snapshot: MeetingSnapshot = {
      meeting: toMeeting({ ...meeting, status: 'closed' }),
      closedAt: new Date().toISOString(),
      facilitation,
      preRatingDistributions: domainIds.map((domain) => ({ domain, distribution: distributionOf(preRatings, domain) })),
      board: readBoard(doc),
      themes: readThemes(doc),
      attendance,
    };
    doc.destroy();
    await this.store.saveMeetingSnapshot(meeting.id, JSON.stringify(snapshot));
    await this.events.publish({ type: 'meeting-status', meetingId: meeting.id, status: 'closed' });
    return snapshot;
  }

  async snapshot(meetingId: string): Promise<MeetingSnapshot | null> {
    const json = await this.store.getMeetingSnapshot(meetingId);
    return json ? MeetingSnapshot.parse(JSON.parse(json)) : null;
  }
}
