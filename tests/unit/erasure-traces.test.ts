import { describe, expect, it } from 'vitest';
import { replaceValues, type Traces } from '../../server/admin/erasure-traces';

const al: Traces = { userId: 'u-al', email: 'al@x.org', names: ['Al', 'Alfred Jones'] };

describe('what erasure replaces', () => {
  it('replaces a name that is a whole person field, however short, and any longer name inside text', () => {
    expect(replaceValues({ authorId: 'u-al', authorName: 'Al', text: 'Alfred Jones will send the list; Al agreed' }, al)).toEqual({
      authorId: 'u-al',
      authorName: 'Former participant',
      // "Al" inside text stays: it would match inside other words (Also, Alison).
      text: 'Former participant will send the list; Al agreed',
    });
    expect(replaceValues({ dateChanges: [{ by: 'Alfred Jones', at: '2026-12-06T10:00:00Z' }], actor: 'al@x.org' }, al)).toEqual({
      dateChanges: [{ by: 'Former participant', at: '2026-12-06T10:00:00Z' }],
      actor: '[erased]',
    });
  });

  it('leaves another person of the same name alone, and never touches ids, kinds, statuses or dates', () => {
    expect(replaceValues({ authorId: 'u-other', authorName: 'Al', text: 'Al from the other school' }, al)).toEqual({ authorId: 'u-other', authorName: 'Al', text: 'Al from the other school' });
    // Someone who called themselves "open" cannot rewrite every open survey, nor "closed" every closed meeting.
    const open: Traces = { userId: 'u-open', email: 'o@x.org', names: ['open', 'closed', 'consultation'] };
    const campaign = { id: 'c1', accessMode: 'open', status: 'closed', kind: 'consultation', opensAt: '2026-11-01', name: 'open' };
    expect(replaceValues(campaign, open)).toEqual({ ...campaign, name: 'Former participant' });
  });
});
