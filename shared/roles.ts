import { z } from 'zod';

/** A person's role within one site. Facilitators are also marked as such on their account. */
export const SiteRole = z.enum(['facilitator', 'lead', 'stakeholder']);
export type SiteRole = z.infer<typeof SiteRole>;

export const roleLabels: Record<SiteRole, string> = {
  facilitator: 'Facilitator',
  lead: 'Strategic lead',
  stakeholder: 'Stakeholder',
};

/**
 * Roles that someone may invite to a site: facilitators bring in leads and fellow facilitators
 * (the guide has two trainers at every meeting), leads bring in stakeholders.
 */
const invitableBy: Record<SiteRole, readonly SiteRole[]> = {
  facilitator: ['facilitator', 'lead', 'stakeholder'],
  lead: ['stakeholder'],
  stakeholder: [],
};

export function canInvite(inviter: SiteRole, invitee: SiteRole): boolean {
  return invitableBy[inviter].includes(invitee);
}

export function rolesInvitableBy(inviter: SiteRole): readonly SiteRole[] {
  return invitableBy[inviter];
}

/** Who may take a member off a site. Nobody removes a facilitator through the site page. */
export function canRemoveMember(remover: SiteRole, member: SiteRole): boolean {
  if (member === 'facilitator') return false;
  return remover === 'facilitator' || (remover === 'lead' && member === 'stakeholder');
}
