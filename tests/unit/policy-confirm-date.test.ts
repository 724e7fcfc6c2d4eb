import { describe, expect, it } from 'vitest';
import { can, refusalFor, type Actor } from '@shared/policy';

/** The Centre suggests a meeting's date and the strategic lead confirms it (guide sections 4 and 6). */
describe('who confirms a meeting’s date', () => {
  const cases: [who: string, actor: Actor, allowed: boolean][] = [
    ['the strategic lead', { role: 'lead', facilitatorAccount: false, siteHasLead: true }, true],
    ['a facilitator on a site with a lead', { role: 'facilitator', facilitatorAccount: true, siteHasLead: true }, false],
    ['a facilitator when nobody has said whether the site has a lead', { role: 'facilitator', facilitatorAccount: true }, false],
    ['a facilitator on a site with no lead yet', { role: 'facilitator', facilitatorAccount: true, siteHasLead: false }, true],
    ['a stakeholder on a site with no lead', { role: 'stakeholder', facilitatorAccount: false, siteHasLead: false }, false],
    ['someone not on the site', { role: null, facilitatorAccount: true, siteHasLead: false }, false],
  ];
  it.each(cases)('%s: %s', (_who, actor, allowed) => {
    expect(can(actor, 'confirm-date')).toBe(allowed);
  });

  it('says, when it refuses, who does and when a facilitator may', () => {
    expect(refusalFor('confirm-date')).toBe('The strategic lead confirms the date of a meeting; a facilitator may only while the site has no strategic lead');
  });
});
