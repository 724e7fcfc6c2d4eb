import { z } from 'zod';
import * as Y from 'yjs';
import { DomainId } from '../cascade/framework';
import { addEntry, readCollection, type Collection } from '../collab/structured-doc';
import type { GoalDraft } from './smart';

/**
 * Goals being drafted, and what a review records about each goal, live in a meeting's co-edited
 * document (`meetingGoalsDocName`), beside the board of notes that only the server writes. Each
 * draft is a map of small values plus co-edited texts; the server judges every change to it by
 * what it leaves (`GuardedDoc`).
 */
export const goalTextLimits = {
  wording: 300,
  specific: 500,
  measure: 300,
  target: 300,
  ownerOrganisation: 120,
  ownerName: 120,
  resources: 500,
} as const;
export type GoalTextField = keyof typeof goalTextLimits;

const goalIdPattern = /^[A-Za-z0-9_-]{6,40}$/;

const goalDrafts: Collection = {
  root: 'goals',
  noun: 'goal',
  idPattern: goalIdPattern,
  fields: {
    proposedBy: z.string().min(1).max(64),
    proposedByName: z.string().min(1).max(120),
    createdAt: z.number().int().nonnegative(),
    relevantDomains: z.array(DomainId).max(7).refine((d) => new Set(d).size === d.length),
    dueDate: z.iso.date().nullable(),
  },
  texts: goalTextLimits,
  authorField: 'proposedBy',
  authorNameField: 'proposedByName',
};

/** What a review meeting records about each goal, co-edited in the review's board. */
export const reviewTextLimits = { progress: 1000, barriers: 1000, overcome: 1000 } as const;
export type ReviewTextField = keyof typeof reviewTextLimits;
export const goalReviewNotes: Collection = { root: 'goalReviews', noun: 'review note', idPattern: goalIdPattern, fields: {}, texts: reviewTextLimits };

/** What a meeting's co-edited document holds. */
export const goalCollections: readonly Collection[] = [goalDrafts, goalReviewNotes];

export interface DraftGoal {
  id: string;
  proposedBy: string;
  proposedByName: string;
  createdAt: number;
  draft: GoalDraft;
}

export function addGoalDraft(doc: Y.Doc, id: string, proposer: { id: string; name: string }): void {
  addEntry(doc, goalDrafts, id, { proposedBy: proposer.id, proposedByName: proposer.name, createdAt: Date.now(), relevantDomains: [], dueDate: null });
}

/** The goal drafts on a board as plain data, oldest first. */
export function readGoalDrafts(doc: Y.Doc): DraftGoal[] {
  type Entry = Record<GoalTextField, string> & { proposedBy: string; proposedByName: string; createdAt: number; relevantDomains: DomainId[]; dueDate: string | null };
  return readCollection<Entry>(doc, goalDrafts)
    .map((e) => ({
      id: e.id,
      proposedBy: e.proposedBy,
      proposedByName: e.proposedByName,
      createdAt: e.createdAt,
      draft: {
        wording: e.wording,
        specific: e.specific,
        measurable: { measure: e.measure, target: e.target },
        achievable: { ownerOrganisation: e.ownerOrganisation, ownerName: e.ownerName, resources: e.resources },
        relevantDomains: [...e.relevantDomains].sort((a, b) => a - b),
        dueDate: e.dueDate,
      },
    }))
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export function goalDraftText(doc: Y.Doc, goalId: string, field: GoalTextField): Y.Text | null {
  const text = doc.getMap<Y.Map<unknown>>(goalDrafts.root).get(goalId)?.get(field);
  return text instanceof Y.Text ? text : null;
}

export function setGoalDraftField(doc: Y.Doc, goalId: string, field: 'relevantDomains' | 'dueDate', value: DomainId[] | string | null): void {
  doc.getMap<Y.Map<unknown>>(goalDrafts.root).get(goalId)?.set(field, value);
}

/** The review note texts for a goal, created on first use. */
export function reviewNoteText(doc: Y.Doc, goalId: string, field: ReviewTextField): Y.Text | null {
  const text = doc.getMap<Y.Map<unknown>>(goalReviewNotes.root).get(goalId)?.get(field);
  return text instanceof Y.Text ? text : null;
}
export function ensureReviewNotes(doc: Y.Doc, goalId: string): void {
  if (!doc.getMap(goalReviewNotes.root).has(goalId)) addEntry(doc, goalReviewNotes, goalId, {});
}

export const ReviewNotes = z.object({ progress: z.string(), barriers: z.string(), overcome: z.string() });
export type ReviewNotes = z.infer<typeof ReviewNotes>;
export function readReviewNotes(doc: Y.Doc): (ReviewNotes & { id: string })[] {
  return readCollection<ReviewNotes>(doc, goalReviewNotes);
}
