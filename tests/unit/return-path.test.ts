import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeReturnPath, signInPath } from '@shared/api/return-path';

describe('where signing in sends someone on to', () => {
  it('keeps a path on this site, with its query', () => {
    expect(safeReturnPath('/meetings/abc')).toBe('/meetings/abc');
    expect(safeReturnPath('/dashboard?stage=survey')).toBe('/dashboard?stage=survey');
    expect(signInPath('/meetings/abc')).toBe('/sign-in?returnTo=%2Fmeetings%2Fabc');
    expect(signInPath('/')).toBe('/sign-in');
  });

  it('never another site, nor the sign-in page itself', () => {
    for (const unsafe of ['//evil.example', '/\\evil.example', 'https://evil.example/', 'evil', '', ' /x', '/x\r\nSet-Cookie: a=1', '/sign-in', '/sign-in?returnTo=/x', 42, null, undefined, ['/x']]) {
      expect(safeReturnPath(unsafe), String(unsafe)).toBe('/');
    }
  });

  it('whatever it is given, answers a path of this site that a browser cannot read as another host', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.string().map((s) => `/${s}`)), (value) => {
        const path = safeReturnPath(value);
        expect(path.startsWith('/')).toBe(true);
        expect(path.startsWith('//') || path.startsWith('/\\')).toBe(false);
        expect(new URL(path, 'https://link.example').host).toBe('link.example');
      }),
    );
  });
});
