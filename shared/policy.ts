import type { SiteRole } from './roles';

/**
 * Who may do what: the one table. The server asks `can` before every action and refuses with
 * the rule's own words (always a 403); responses carry the caller's abilities (`abilitiesOf`)
 * so the client shows only what it may do, without working roles out again.
 */
export interface Actor {
  /** The person's role on the site the subject belongs to; null when they are not on it. */
  role: SiteRole | null;
  /** Facilitator accounts create sites and see the programme across their sites. */
  facilitatorAccount: boolean;
  /** For a meeting: whether the person is on its list of attendees. */
  attends?: boolean;
  /**
   * For a meeting: whether every member of the site may come. Reviews are: registering there is
   * for planning numbers, not a gate, so the owner of a goal who did not register gets in.
   */
  openToMembers?: boolean;
  /** For a goal or an action: whether the person is the member named as its owner. */
  owns?: boolean;
  /** For a meeting: whether its site has a strategic lead (only asked of a facilitator; unknown counts as yes). */
  siteHasLead?: boolean;
}

type Scope = 'account' | 'site' | 'meeting';
interface Rule {
  scope: Scope;
  allows: (actor: Actor) => boolean;
  /** What the person is told when refused. */
  refusal: string;
}

const anyMember = (a: Actor) => a.role !== null;
const managers = (a: Actor) => a.role === 'facilitator' || a.role === 'lead';
const facilitators = (a: Actor) => a.role === 'facilitator';
const ownerOrManagers = (a: Actor) => managers(a) || (a.role !== null && a.owns === true);
// The Centre suggests a date and the lead confirms it (guide sections 4 and 6): a facilitator
// confirming their own suggestion would tick off the lead's duty, unless nobody else can.
const leadOrStandIn = (a: Actor) => a.role === 'lead' || (a.role === 'facilitator' && a.siteHasLead === false);

export const policy = {
  'create-site': { scope: 'account', allows: (a) => a.facilitatorAccount, refusal: 'Only facilitators can create sites' },
  'import-instrument': { scope: 'account', allows: (a) => a.facilitatorAccount, refusal: 'Only facilitators can import an instrument' },
  administer: { scope: 'account', allows: (a) => a.facilitatorAccount, refusal: 'Only facilitators administer accounts' },
  'see-programme': { scope: 'account', allows: (a) => a.facilitatorAccount, refusal: 'The programme dashboard and evaluation across sites are for facilitators' },

  'see-site': { scope: 'site', allows: anyMember, refusal: 'You do not have access to this site' },
  'invite-people': { scope: 'site', allows: managers, refusal: 'Only facilitators and the strategic lead invite people' },
  'remove-people': { scope: 'site', allows: managers, refusal: 'Only facilitators and the strategic lead remove people' },
  'schedule-meeting': { scope: 'site', allows: managers, refusal: 'Only facilitators and strategic leads can schedule meetings' },
  'manage-events': { scope: 'site', allows: managers, refusal: 'Only the strategic lead and facilitators manage the site’s events' },
  'choose-sessions': { scope: 'site', allows: managers, refusal: 'Only the strategic lead and facilitators choose tailored support sessions' },
  'set-programme-dates': { scope: 'site', allows: facilitators, refusal: 'Only facilitators set the programme dates' },
  'open-survey': { scope: 'site', allows: managers, refusal: 'Only facilitators and the strategic lead can open a survey' },
  'hand-out-survey-access': { scope: 'site', allows: managers, refusal: 'Only facilitators and the strategic lead can do that' },
  // Whoever holds a survey's codes can answer in schools' names, so they are never the one reading its results.
  'issue-access-codes': { scope: 'site', allows: (a) => a.role === 'lead', refusal: 'Only the strategic lead hands out access codes; facilitators read the results' },
  'see-unprotected-survey-results': { scope: 'site', allows: facilitators, refusal: 'Results of a survey answered with access codes or an open link are shown only to facilitators' },
  'edit-goals': { scope: 'site', allows: managers, refusal: 'Only a facilitator or the strategic lead can change a locked goal' },
  // Between meetings: the goal's owner keeps it moving; the lead and facilitators may act for them.
  'name-goal-owner': { scope: 'site', allows: managers, refusal: 'Only a facilitator or the strategic lead names the owner of a goal' },
  'check-in-on-goal': { scope: 'site', allows: ownerOrManagers, refusal: 'Only the goal’s owner, the strategic lead or a facilitator can check in on a goal' },
  'complete-action': { scope: 'site', allows: ownerOrManagers, refusal: 'Only the action’s owner, the strategic lead or a facilitator can tick off an action' },
  'record-decision': { scope: 'site', allows: managers, refusal: 'Only a facilitator or the strategic lead records a decision outside a meeting' },
  'answer-evaluation': { scope: 'site', allows: (a) => a.role === 'lead' || a.role === 'stakeholder', refusal: 'Facilitators run the evaluation; the site’s stakeholders answer it' },
  'see-evaluation': { scope: 'site', allows: facilitators, refusal: 'Only facilitators see the evaluation results' },
  // The script is the facilitators' private notes for running a meeting: nobody else receives it.
  'write-facilitator-script': { scope: 'site', allows: facilitators, refusal: 'Only facilitators see and change the facilitator script' },

  'see-meeting': { scope: 'meeting', allows: anyMember, refusal: 'You do not have access to this meeting' },
  'register': { scope: 'meeting', allows: anyMember, refusal: 'You do not have access to this meeting' },
  'take-part': { scope: 'meeting', allows: (a) => managers(a) || (a.role !== null && (a.attends === true || a.openToMembers === true)), refusal: 'You are not invited to this meeting' },
  'drive-meeting': { scope: 'meeting', allows: facilitators, refusal: 'Only a facilitator can do that' },
  'set-joining-details': { scope: 'meeting', allows: managers, refusal: 'Only the strategic lead and facilitators give the joining details' },
  'reschedule-meeting': { scope: 'meeting', allows: managers, refusal: 'Only the strategic lead and facilitators move a meeting' },
  'cancel-meeting': { scope: 'meeting', allows: managers, refusal: 'Only the strategic lead and facilitators cancel a meeting' },
  'confirm-date': { scope: 'meeting', allows: leadOrStandIn, refusal: 'The strategic lead confirms the date of a meeting; a facilitator may only while the site has no strategic lead' },
  'send-invitations': { scope: 'meeting', allows: managers, refusal: 'Only the strategic lead and facilitators send invitations to register' },
  'see-registrations': { scope: 'meeting', allows: managers, refusal: 'Only facilitators and the strategic lead see who has registered' },
  'see-register': { scope: 'meeting', allows: managers, refusal: 'Only facilitators and the strategic lead see the register' },
  'send-report': { scope: 'meeting', allows: managers, refusal: 'Only facilitators and the strategic lead send the report' },
} satisfies Record<string, Rule>;

export type Ability = keyof typeof policy;

export function can(actor: Actor, ability: Ability): boolean {
  return policy[ability].allows(actor);
}

export const refusalFor = (ability: Ability): string => policy[ability].refusal;

/** What a goal's or an action's owner may do with it, as the lead and facilitators may with any. */
type OwnersAbility = 'complete-action' | 'check-in-on-goal';

/**
 * Whether the person may check in on a goal or tick off an action, from what a page holds: the
 * site's abilities (worked out for them as nobody's owner, so the ability there means they manage
 * the site) and the member named as its owner. The table's rule, which the server asks with both.
 */
export const mayAsOwner = (ability: OwnersAbility, siteAbilities: readonly Ability[], ownerId: string | null, userId: string): boolean =>
  siteAbilities.includes(ability) || can({ role: 'stakeholder', facilitatorAccount: false, owns: ownerId === userId }, ability);

/** Everything the actor may do at one scope: sent with a site, a meeting or the signed-in account. */
export function abilitiesOf(actor: Actor, scope: Scope): Ability[] {
  return (Object.keys(policy) as Ability[]).filter((ability) => policy[ability].scope === scope && can(actor, ability));
}
