import { describe, expect, it } from 'vitest';
import { docName, parseDocName } from '@shared/collab/doc-names';

describe('document names carry their site', () => {
  it('parses site:<siteId>:<rest>', () => {
    expect(parseDocName('site:abc-123:meeting:42:board')).toEqual({ siteId: 'abc-123', rest: 'meeting:42:board' });
  });
  it.each(['', 'site:', 'site::x', 'site:abc', 'other:abc:x', 'site:a/b:x', 'site:abc:x/../y', `site:${'a'.repeat(65)}:x`])(
    'refuses %j',
    (name) => expect(parseDocName(name)).toBeNull(),
  );
  it('builds only names it can parse back', () => {
    expect(docName('s1', 'board')).toBe('site:s1:board');
    expect(() => docName('s1', 'bad name')).toThrow();
  });
});
