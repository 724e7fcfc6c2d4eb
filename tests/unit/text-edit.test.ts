import { describe, expect, it } from 'vitest';
import { changeBetween, placeLocalEdit } from '../../client/src/components/text-edit';

const apply = (text: string, edit: { at: number; removed: number; inserted: string }) => text.slice(0, edit.at) + edit.inserted + text.slice(edit.at + edit.removed);

describe('typing into co-edited text', () => {
  it('finds the one edit between two texts', () => {
    expect(changeBetween('abc', 'aXbc')).toEqual({ index: 1, removed: 0, inserted: 'X' });
    expect(changeBetween('abcdef', 'abef')).toEqual({ index: 2, removed: 2, inserted: '' });
    expect(changeBetween('same', 'same')).toEqual({ index: 4, removed: 0, inserted: '' });
  });

  it('keeps a remote change that arrived before the screen showed it', () => {
    const shown = 'school has a link worker';
    // Someone else added " by June" at the end; we typed "Goal A: " at the start.
    const current = `${shown} by June`;
    expect(apply(current, placeLocalEdit(shown, `Goal A: ${shown}`, current))).toBe('Goal A: school has a link worker by June');
    // They added at the start; we typed at the end.
    const other = `Every ${shown}`;
    expect(apply(other, placeLocalEdit(shown, `${shown}.`, other))).toBe('Every school has a link worker.');
    // They deleted a word before our edit.
    const deleted = 'school has a worker';
    expect(apply(deleted, placeLocalEdit(shown, `${shown}!`, deleted))).toBe('school has a worker!');
  });

  it('applies a plain edit when nothing else changed', () => {
    expect(apply('abc', placeLocalEdit('abc', 'abXc', 'abc'))).toBe('abXc');
  });
});
