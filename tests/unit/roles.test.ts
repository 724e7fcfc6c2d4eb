import { describe, expect, it } from 'vitest';
import { canInvite, canRemoveMember, rolesInvitableBy } from '@shared/roles';

describe('who may invite whom', () => {
  it('facilitators invite fellow facilitators, leads and stakeholders', () => {
    expect(rolesInvitableBy('facilitator')).toEqual(['facilitator', 'lead', 'stakeholder']);
  });
  it('leads invite stakeholders only', () => {
    expect(canInvite('lead', 'stakeholder')).toBe(true);
    expect(canInvite('lead', 'lead')).toBe(false);
    expect(canInvite('lead', 'facilitator')).toBe(false);
  });
  it('stakeholders invite nobody', () => {
    expect(rolesInvitableBy('stakeholder')).toEqual([]);
  });
  it('nobody removes a facilitator; leads remove stakeholders only', () => {
    expect(canRemoveMember('facilitator', 'facilitator')).toBe(false);
    expect(canRemoveMember('facilitator', 'lead')).toBe(true);
    expect(canRemoveMember('lead', 'stakeholder')).toBe(true);
    expect(canRemoveMember('lead', 'lead')).toBe(false);
    expect(canRemoveMember('stakeholder', 'stakeholder')).toBe(false);
  });
});
