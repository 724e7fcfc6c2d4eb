import type { MeetingActionType } from '@shared/meeting-actions';
import type { MeetingStateEvent } from '@shared/realtime';

/**
 * Whether the server says this person may take the action now (shared/meeting-actions.ts, worked
 * out for their role, the phase and the kind of meeting): the board shows only those controls.
 */
export const allows = (view: Pick<MeetingStateEvent, 'abilities'>, type: MeetingActionType) => view.abilities.includes(type);
