import type { MeetingPhase } from '@shared/meetings/phases';
import { lazyPage } from '../../../lazy-page';

/*
 * The code of the later phases of the board, each loaded on its own: a board opened in the welcome
 * phase, where every meeting starts, waits for none of them (the notes' drag and drop, the voting,
 * the goal drafts and their date inputs). Once the board works they load in the background
 * (loadEveryPhase), so that moving on to the next phase does not wait.
 */
/** A domain's notes and their drag and drop, the largest part of the board's code. */
export const DomainPanel = lazyPage(() => import('./DomainPanel').then((m) => m.DomainPanel));
export const VotingPanel = lazyPage(() => import('./VotingPanel').then((m) => m.VotingPanel));
export const GoalsPhase = lazyPage(() => import('./GoalsPhase').then((m) => m.GoalsPhase));
export const ClosePhase = lazyPage(() => import('./ClosePhase').then((m) => m.ClosePhase));

const laterPhases: Partial<Record<MeetingPhase, { preload(): Promise<unknown> }>> = {
  'domain-review': DomainPanel,
  'areas-of-need': VotingPanel,
  goals: GoalsPhase,
  close: ClosePhase,
};

/**
 * Loads the code of the phase a board drawn by the server shows (from its first data), so that
 * the app takes the board over without stopping halfway for it. Read without the meeting's
 * schema: client/src/board-code.ts calls this too, with no zod.
 */
export function loadDrawnBoard(detail: unknown): Promise<unknown> {
  const phase = (detail as { live?: { phase?: unknown } } | null | undefined)?.live?.phase;
  return typeof phase === 'string' && Object.hasOwn(laterPhases, phase) ? laterPhases[phase as MeetingPhase]!.preload() : Promise.resolve();
}

/** Once the board works: the code of every later phase, so that it is there when the facilitator moves on. */
export function loadEveryPhase(): void {
  for (const page of Object.values(laterPhases)) page.preload().catch(() => {});
}
