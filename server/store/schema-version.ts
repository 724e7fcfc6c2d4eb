/** A migration as run, for the log (both stores number theirs). */
export interface AppliedMigration {
  version: number;
  why: string;
}

/**
 * Refuses data made by a later release before anything touches it: this release would misread
 * it, or its migrations would run over it. The message names both versions.
 */
export function refuseNewerSchema(found: number, known: number, what: string): void {
  if (found > known) throw new Error(`${what} was made by a newer release (schema version ${found}; this release knows up to ${known}): run that release, or restore a backup made by this one`);
}
