import { describe, expect, it } from 'vitest';
import { allowedMeetingActions, goalRefusal, meetingActionRefusal, meetingActions, meetingActionTypes, phasesOf } from '@shared/meeting-actions';
import { MeetingKind } from '@shared/meetings/meeting';
import { phasesFor } from '@shared/meetings/phases';
import { MeetingAction } from '@shared/realtime';
import { SiteRole } from '@shared/roles';

const kinds = MeetingKind.options;
const roles = SiteRole.options;

describe('the table of meeting actions', () => {
  it('has one row for every action a meeting accepts over socket.io, and no other', () => {
    const accepted = MeetingAction.options.map((o) => o.shape.type.value).sort();
    expect([...meetingActionTypes].sort()).toEqual(accepted);
  });

  it('lets every action be taken somewhere: some role, in some phase of some kind of meeting', () => {
    for (const type of meetingActionTypes) {
      const somewhere = kinds.some((kind) => phasesFor(kind).some((phase) => roles.some((role) => meetingActionRefusal(type, role, { kind, phase }) === null)));
      expect(somewhere, type).toBe(true);
    }
  });

  it('lets a facilitator do everything anyone else may do', () => {
    for (const kind of kinds) {
      for (const phase of phasesFor(kind)) {
        const facilitator = allowedMeetingActions('facilitator', { kind, phase });
        for (const role of roles) expect(allowedMeetingActions(role, { kind, phase }).filter((t) => !facilitator.includes(t))).toEqual([]);
      }
    }
  });

  it('lets a stakeholder do nothing in a review’s welcome phase but say they are ready', () => {
    for (const kind of ['review-3m', 'review-6m', 'review-extra'] as const) expect(allowedMeetingActions('stakeholder', { kind, phase: 'welcome' })).toEqual(['mark-ready']);
    expect(meetingActionRefusal('rate-goal-privately', 'stakeholder', { kind: 'review-3m', phase: 'welcome' })).toBe('Rating a goal belongs to the “Goals” phase; the meeting is in “Welcome and survey results”');
    expect(meetingActionRefusal('cast-votes', 'stakeholder', { kind: 'review-3m', phase: 'welcome' })).toBe('Dot voting is not part of a 3-month review meeting');
  });

  it('refuses dot voting in every meeting but the consultation, whoever asks', () => {
    for (const kind of kinds.filter((k) => k !== 'consultation')) {
      for (const phase of phasesFor(kind)) expect(meetingActionRefusal('open-voting', 'facilitator', { kind, phase })).toMatch(/^Dot voting is not part of an? /);
    }
    expect(meetingActionRefusal('open-voting', 'facilitator', { kind: 'review-extra', phase: 'goals' })).toBe('Dot voting is not part of an additional review meeting');
    expect(phasesOf('open-voting', 'consultation')).toEqual(['areas-of-need']);
  });

  it('tells someone who may never take an action so, whatever the phase', () => {
    expect(meetingActionRefusal('lock-goals', 'lead', { kind: 'review-6m', phase: 'welcome' })).toBe('Only a facilitator can do that');
    expect(meetingActionRefusal('set-phase', 'stakeholder', { kind: 'consultation', phase: 'goals' })).toBe('Only a facilitator can do that');
  });

  it('lets everyone in a consultation’s goals phase respond to and rate goals and record decisions, and only the facilitator settle them', () => {
    expect(allowedMeetingActions('stakeholder', { kind: 'consultation', phase: 'goals' })).toEqual(['mark-ready', 'respond-to-goal', 'rate-goal-privately', 'record-action', 'record-decision']);
    expect(allowedMeetingActions('lead', { kind: 'review-3m', phase: 'goals' })).toEqual(['mark-ready', 'rate-goal-privately', 'record-action', 'record-decision']);
    const running = ['set-phase', 'start-timer', 'stop-timer', 'pause-timer', 'resume-timer', 'extend-timer', 'take-controls', 'hand-over', 'pause-meeting', 'resume-meeting', 'start-ready-check', 'mark-ready', 'end-ready-check'];
    expect(allowedMeetingActions('facilitator', { kind: 'review-3m', phase: 'goals' })).toEqual([...running, 'rate-goal-privately', 'reveal-goal-ratings', 'focus-goal', 'record-goal-rating', 'record-action', 'record-decision']);
  });

  it('lets anyone taking part record actions and decisions in the domain review, while the goals are discussed and at the close, and nowhere else', () => {
    for (const kind of ['consultation', 'review-3m', 'review-6m', 'review-extra'] as const) {
      for (const phase of phasesFor(kind)) {
        for (const type of ['record-action', 'record-decision'] as const) {
          for (const role of roles) expect(meetingActionRefusal(type, role, { kind, phase }) === null, `${type} ${kind} ${phase} ${role}`).toBe(['domain-review', 'goals', 'close'].includes(phase));
        }
      }
    }
    expect(allowedMeetingActions('stakeholder', { kind: 'review-6m', phase: 'close' })).toEqual(['mark-ready', 'record-action', 'record-decision']);
    expect(meetingActionRefusal('record-decision', 'lead', { kind: 'review-3m', phase: 'welcome' })).toBe(
      'Recording a decision at the meeting belongs to the “Domain review” or “Goals” or “Close” phase; the meeting is in “Welcome and survey results”',
    );
    expect(meetingActionRefusal('record-action', 'stakeholder', { kind: 'consultation', phase: 'areas-of-need' })).toBe(
      'Recording an action at the meeting belongs to the “Domain review” or “Goals” or “Close” phase; the meeting is in “Areas of greatest need”',
    );
    // A tailored session records its own actions, on its own page.
    expect(meetingActionRefusal('record-action', 'lead', { kind: 'tailored-support', phase: 'close' })).toBe('Recording an action at the meeting is not part of a tailored support session');
  });

  it('keeps the board’s notes to the domain review', () => {
    for (const kind of kinds) {
      for (const phase of phasesFor(kind)) expect(meetingActionRefusal('add-note', 'stakeholder', { kind, phase }) === null, `${kind} ${phase}`).toBe(phase === 'domain-review');
    }
  });

  it('takes goal ids only of the goals the action names: this meeting’s drafts, or the locked goals', () => {
    const known = { drafts: ['goal-draft'], locked: ['goal-locked'] };
    expect(goalRefusal('respond-to-goal', ['goal-draft'], known)).toBeNull();
    expect(goalRefusal('respond-to-goal', ['goal-locked'], known)).toBe('That goal has not been proposed in this meeting');
    expect(goalRefusal('rate-goal-privately', ['goal-locked'], known)).toBeNull();
    expect(goalRefusal('rate-goal-privately', ['goal-draft'], known)).toBe('That goal is not one of the locked goals');
    expect(goalRefusal('lock-goals', ['goal-draft', 'goal-other'], known)).toBe('That goal has not been proposed in this meeting');
    expect(goalRefusal('add-note', [], known)).toBeNull();
  });

  it('says in every row what the action is, for its refusals', () => {
    for (const type of meetingActionTypes) expect(meetingActions[type].what).toMatch(/^[A-Z][a-z]/);
  });
});
