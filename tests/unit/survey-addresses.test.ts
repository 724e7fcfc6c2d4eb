import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aliasesWithin, canonicalAddress, flagsFor } from '@shared/survey/addresses';

const localPart = fc.stringMatching(/^[a-z][a-z0-9]{0,6}(\.[a-z0-9]{1,5}){0,2}$/);
const domain = fc.constantFrom('demo.example', 'oak.sch.uk', 'nhs.net', 'gmail.com', 'googlemail.com', 'outlook.com');
const tag = fc.stringMatching(/^[a-z0-9.+-]{0,10}$/);

/** Any way of writing the same mailbox that its provider delivers to it. */
function aliasOf(local: string, at: string, options: { upper: boolean[]; tag: string; googlemail: boolean; dots: number[] }): string {
  let aliasLocal = local;
  const gmail = at === 'gmail.com' || at === 'googlemail.com';
  if (gmail) {
    const bare = local.replaceAll('.', '');
    // Gmail ignores dots: put them anywhere (never first or last, which Gmail does not accept).
    aliasLocal = [...bare].map((c, i) => (i > 0 && options.dots.includes(i) ? `.${c}` : c)).join('');
  }
  const aliasDomain = gmail ? (options.googlemail ? 'googlemail.com' : 'gmail.com') : at;
  const written = `${aliasLocal}${options.tag ? `+${options.tag}` : ''}@${aliasDomain}`;
  return [...written].map((c, i) => (options.upper[i % options.upper.length] ? c.toUpperCase() : c)).join('');
}

describe('personal-link addresses', () => {
  it('any alias form of a member’s address has the member’s canonical form, so it is refused', () => {
    fc.assert(
      fc.property(
        localPart,
        domain,
        fc.record({ upper: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), tag, googlemail: fc.boolean(), dots: fc.array(fc.nat(8), { maxLength: 3 }) }),
        (local, at, options) => {
          const member = `${local}@${at}`;
          const alias = aliasOf(local, at, options);
          expect(canonicalAddress(alias), alias).toBe(canonicalAddress(member));
          // And within one list, the two forms are reported as one mailbox.
          if (alias.toLowerCase() !== member) expect([...aliasesWithin([member, alias]).keys()]).toEqual([canonicalAddress(member)]);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps different mailboxes apart: dots matter outside Gmail, and the domain always does', () => {
    expect(canonicalAddress('a.b@oak.sch.uk')).not.toBe(canonicalAddress('ab@oak.sch.uk'));
    expect(canonicalAddress('head@oak.sch.uk')).not.toBe(canonicalAddress('head@elm.sch.uk'));
    expect(aliasesWithin(['head@oak.sch.uk', 'HEAD@oak.sch.uk', 'head@oak.sch.uk'])).toEqual(new Map());
  });

  it('flags free-mail addresses and those at a member’s organisation', () => {
    const members = ['lead@council.example', 'facilitator@demo.example', 'someone@gmail.com'];
    expect(flagsFor('head@oak.sch.uk', members)).toEqual([]);
    expect(flagsFor('Oak.Head+1@GoogleMail.com', members)).toEqual(['free-mail']);
    expect(flagsFor('office@council.example', members)).toEqual(['members-organisation']);
    expect(flagsFor('OFFICE@Demo.Example', members)).toEqual(['members-organisation']);
  });
});
