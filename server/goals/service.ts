import crypto from 'node:crypto';
import {
  addAction,
  editGoal,
  emptyGoalBook,
  goalsOverview,
  lockGoals,
  recordRating,
  recordReviews,
  setActionDone,
  type AddGoalActionBody,
  type BookOutcome,
  type EditGoalBody,
  GoalBook,
  type GoalBookAction,
  type GoalsOverview,
  type NewAction,
} from '@shared/goals/book';
import type { AddSessionActionBody } from '@shared/goals/session-actions';
import { readGoalDrafts, readReviewNotes } from '@shared/goals/drafts';
import { addCheckIn, addDecision, goalThreads, setGoalOwner, type GoalThread } from '@shared/goals/thread';
import type { CheckInBody, DecisionBody } from '@shared/goals/thread-schemas';
import { sixMonthReviewDay } from '@shared/programme/plan';
import { programmePlanOf } from '../programme/timeline';
import type { SmartOverride } from '@shared/goals/book';
import { isReviewKind } from '@shared/meetings/meeting';
import type { MeetingPhase } from '@shared/meetings/phases';
import { goalRefusal, meetingActionRefusal, type MeetingActionType } from '@shared/meeting-actions';
import type { SiteRole } from '@shared/roles';
import { readGoalsDoc } from '../meetings/goals-doc';
import type { z } from 'zod';
import { HttpError } from '../http/errors';
import { refuseLateDue } from '../http/action-due';
import type { Store } from '../store';
import type { MeetingRecord } from '../store/store';
import { readVersioned, updateVersioned, type Change, type NamedChange } from '../store/versioned';
import type { DomainEvents } from '../events/domain-events';

const asChange = (outcome: BookOutcome): Change<GoalBook> => (outcome.ok ? { ok: true, value: outcome.book } : outcome);

/**
 * A site's goals: locked at the consultation, re-rated at reviews, changed afterwards only by
 * a facilitator or the lead with a reason. Every change goes through a pure function in
 * shared/ and is saved by compare-and-set; `publish` tells everyone on the site.
 */
export class GoalService {
  constructor(
    private readonly store: Store,
    private readonly events: DomainEvents,
    readonly meaningfulChange: number,
  ) {}

  book(siteId: string): Promise<GoalBook> {
    return readVersioned(this.store, 'goal-book', siteId, emptyGoalBook, GoalBook);
  }

  async overview(siteId: string): Promise<GoalsOverview> {
    return goalsOverview(await this.book(siteId), this.meaningfulChange, await this.memberNames(siteId));
  }

  /** Member id → name, for goal owners. */
  private async memberNames(siteId: string): Promise<Record<string, string>> {
    const members = await this.store.listSiteMembers(siteId);
    const users = await Promise.all(members.map((m) => this.store.getUserById(m.userId)));
    return Object.fromEntries(users.filter((u) => u !== null).map((u) => [u.id, u.name]));
  }

  /** Per goal, what a review opens on: the last agreed rating and everything since (`goalThreads`). */
  async threads(meeting: MeetingRecord): Promise<GoalThread[]> {
    return goalThreads(await this.book(meeting.siteId), meeting);
  }

  /** Names a goal's owner, who must be a member of the site. */
  async setOwner(siteId: string, goalId: string, ownerId: string): Promise<GoalBook> {
    if (!(await this.store.getMembership(siteId, ownerId))) throw new HttpError(400, 'Choose someone who is a member of this site', { ownerId: 'Choose someone who is a member of this site' });
    return this.change(siteId, (book) => setGoalOwner(book, { goalId, ownerId }));
  }

  /** A check-in by someone the policy allows (see the route); once per `changeId`. */
  checkIn(siteId: string, goalId: string, body: z.output<typeof CheckInBody>, actor: { id: string; name: string }): Promise<GoalBook> {
    const named = body.changeId ? { id: body.changeId, request: { goalId, body } } : undefined;
    return this.change(siteId, (book) => addCheckIn(book, { id: crypto.randomUUID(), goalId, body, actor, now: new Date() }), named);
  }

  /** A decision recorded between meetings (at a meeting it is the `record-decision` meeting action, see `act`). */
  addDecision(siteId: string, body: z.output<typeof DecisionBody>, actorId: string): Promise<GoalBook> {
    const { changeId, ...decision } = body;
    const named = changeId ? { id: changeId, request: { decision } } : undefined;
    return this.change(siteId, (book) => addDecision(book, { id: crypto.randomUUID(), decision: { ...decision, meetingId: null }, actorId, now: new Date() }), named);
  }

  /** The member's name, to write as who will do an action; refused unless they are a member of the site. */
  private async memberName(siteId: string, userId: string): Promise<string> {
    const refusal = () => new HttpError(422, 'Choose someone who is a member of this site', { ownerId: 'Choose someone who is a member of this site' });
    if (!(await this.store.getMembership(siteId, userId))) throw refusal();
    const user = await this.store.getUserById(userId);
    if (!user) throw refusal();
    return user.name;
  }

  /** The last day goals may fall due: the site's 6-month review day (`sixMonthReviewDay`). */
  async reviewBy(meeting: MeetingRecord): Promise<string> {
    return sixMonthReviewDay(await programmePlanOf(this.store, meeting.siteId), await this.store.listSiteMeetings(meeting.siteId));
  }

  private async change(siteId: string, change: (book: GoalBook) => BookOutcome | Promise<BookOutcome>, named?: NamedChange): Promise<GoalBook> {
    const book = await updateVersioned(this.store, 'goal-book', siteId, emptyGoalBook, async (current) => asChange(await change(current)), GoalBook, { change: named });
    await this.events.publish({ type: 'goals-changed', siteId, version: book.version });
    return book;
  }

  /**
   * A goal action taken in a live meeting, if the table of meeting actions allows it to this
   * person in the meeting's phase (read just before: the goal book is not the meeting's state,
   * so a phase moved on at the same moment may let one through); applied once per `actionId`.
   */
  async act(meeting: MeetingRecord, actor: { userId: string; role: SiteRole }, action: GoalBookAction, meetingState: { phase: MeetingPhase; overrides: Record<string, SmartOverride> }, actionId?: string): Promise<GoalBook> {
    if (meeting.status !== 'live') throw new HttpError(409, meeting.status === 'closed' ? 'This meeting has closed' : 'This meeting has not started yet');
    const refusal = meetingActionRefusal(action.type, actor.role, { kind: meeting.kind, phase: meetingState.phase });
    if (refusal) throw new HttpError(actor.role === 'facilitator' ? 409 : 403, refusal);
    const { overrides } = meetingState;
    const now = new Date();
    const named = actionId ? { id: actionId, request: { meetingId: meeting.id, action } } : undefined;
    switch (action.type) {
      case 'lock-goals': {
        // Every change the board acknowledged is stored before it is relayed, so the stored
        // board is the one everyone sees.
        const doc = await readGoalsDoc(this.store, meeting.siteId, meeting.id);
        const drafts = readGoalDrafts(doc);
        doc.destroy();
        const unknown = goalRefusal(action.type, action.goalIds, { drafts: drafts.map((d) => d.id), locked: [] });
        if (unknown) throw new HttpError(422, unknown);
        const reviewBy = await this.reviewBy(meeting);
        return this.change(
          meeting.siteId,
          (book) => lockGoals(book, { meetingId: meeting.id, goalIds: action.goalIds, drafts, overrides, reviewBy, actorId: actor.userId, now }),
          named,
        );
      }
      case 'record-goal-rating': {
        const unknown = goalRefusal(action.type, [action.goalId], { drafts: [], locked: (await this.book(meeting.siteId)).goals.map((g) => g.id) });
        if (unknown) throw new HttpError(422, unknown);
        return this.change(meeting.siteId, (book) => recordRating(book, { goalId: action.goalId, rating: action.rating, meeting, actorId: actor.userId, now }), named);
      }
      case 'record-action': {
        const { what, ownerId, due, goalId, domainId } = action;
        refuseLateDue(due, now);
        await this.checkTiedGoal(meeting, action.type, goalId);
        const owner = await this.memberName(meeting.siteId, ownerId);
        const recorded = { what, owner, ownerId, due, goalId, domainId, meetingId: meeting.id };
        return this.change(meeting.siteId, (book) => addAction(book, { id: crypto.randomUUID(), action: recorded, actorId: actor.userId, now }), named);
      }
      case 'record-decision': {
        const { text, goalId, domainId } = action;
        await this.checkTiedGoal(meeting, action.type, goalId);
        const decision = { text, goalId, domainId, meetingId: meeting.id };
        return this.change(meeting.siteId, (book) => addDecision(book, { id: crypto.randomUUID(), decision, actorId: actor.userId, now }), named);
      }
    }
  }

  /** A goal an action or decision is tied to must be one of the site's locked goals (the table's `goals`). */
  private async checkTiedGoal(meeting: MeetingRecord, type: MeetingActionType, goalId: string | null): Promise<void> {
    if (goalId === null) return;
    const unknown = goalRefusal(type, [goalId], { drafts: [], locked: (await this.book(meeting.siteId)).goals.map((g) => g.id) });
    if (unknown) throw new HttpError(422, unknown);
  }

  /** A change to a locked goal, by someone the policy allows to make it (see the route). */
  edit(siteId: string, goalId: string, body: z.infer<typeof EditGoalBody>, actor: { id: string; name: string }): Promise<GoalBook> {
    return this.change(siteId, (book) => editGoal(book, { goalId, draft: body.draft, reason: body.reason, basedOnRevision: body.basedOnRevision, actor, now: new Date() }));
  }

  /**
   * An action agreed for a goal between meetings, which any member records for the site (at a
   * meeting it is the `record-action` meeting action, see `act`).
   */
  addAction(siteId: string, goalId: string, body: z.infer<typeof AddGoalActionBody>, actorId: string): Promise<GoalBook> {
    return this.addRecorded(siteId, { ...body, goalId, domainId: null }, null, actorId);
  }

  /** An action a tailored session agreed, recorded on its page: kept with the session as where it came from (shared/goals/session-actions.ts). */
  addSessionAction(session: MeetingRecord, body: z.infer<typeof AddSessionActionBody>, actorId: string): Promise<GoalBook> {
    return this.addRecorded(session.siteId, body, session.id, actorId);
  }

  /** An action recorded through a form (not live in a meeting): its owner, if named, must be a member; once per `changeId`. */
  private async addRecorded(siteId: string, body: z.infer<typeof AddGoalActionBody> & Pick<NewAction, 'goalId' | 'domainId'>, meetingId: string | null, actorId: string): Promise<GoalBook> {
    const now = new Date();
    refuseLateDue(body.due, now);
    if (body.ownerId && !(await this.store.getMembership(siteId, body.ownerId))) throw new HttpError(400, 'Choose someone who is a member of this site', { ownerId: 'Choose someone who is a member of this site' });
    const { changeId, what, owner, ownerId, due, goalId, domainId } = body;
    const action: NewAction = { what, owner, ownerId, due, goalId, domainId, meetingId };
    const named = changeId ? { id: changeId, request: { action } } : undefined;
    return this.change(siteId, (book) => addAction(book, { id: crypto.randomUUID(), action, actorId, now }), named);
  }

  setActionDone(siteId: string, actionId: string, done: boolean): Promise<GoalBook> {
    return this.change(siteId, (book) => setActionDone(book, { actionId, done }));
  }

  /** When a review meeting closes, what it recorded about each goal joins the goal book. */
  async keepReviewNotes(meeting: MeetingRecord): Promise<void> {
    if (!isReviewKind(meeting.kind)) return;
    const doc = await readGoalsDoc(this.store, meeting.siteId, meeting.id);
    const notes = readReviewNotes(doc);
    doc.destroy();
    if (!notes.length || !(await this.book(meeting.siteId)).lock) return;
    await this.change(meeting.siteId, (book) => recordReviews(book, meeting, notes));
  }
}
