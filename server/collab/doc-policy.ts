import type { Collection } from '@shared/collab/structured-doc';

/**
 * A pause that stops a document taking changes from its connections (a co-edited meeting
 * document while its meeting is paused).
 */
export interface PauseRule {
  /** The paused meeting, read again by the store in the statement that stores each change. */
  meetingId: string;
  /**
   * Whether the meeting is paused as this process has heard: cheap, asked before each change.
   * A pause made in another process may not have been heard yet; the store has the last word.
   */
  pausedAsHeard(): Promise<boolean>;
  /** The store refused a change because the meeting is paused. */
  heardPaused(): void;
}

/** What a document allows its connections to do. */
export interface DocPolicy {
  /** Takes no change from anyone (its meeting has closed). */
  readOnly: boolean;
  /** Written only by the server: connections read it and never change it. */
  serverWritten?: boolean;
  /** While its meeting is paused no change from a connection is taken. */
  pause?: PauseRule;
  /** What a co-edited document holds: every change is judged against these. */
  collections?: readonly Collection[];
  /** The first content of a document the store holds nothing of. */
  seed?: () => Promise<Uint8Array | null>;
}
