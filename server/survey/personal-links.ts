import crypto from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { aliasesWithin, canonicalAddress, flagsFor } from '@shared/survey/addresses';
import { effectiveThreshold } from '@shared/survey/anonymity';
import { PersonalLinksBody } from '@shared/survey/api';
import { codeFragment } from '@shared/survey/link-code';
import { mayApprove, noSurveyInvitations, personalLinkMail, SurveyInvitations, type PendingLinks, type PersonalLinksRequested, type PersonalLinksState } from '@shared/survey/personal-links';
import { formatDate } from '@shared/format';
import { recordAudit } from '../admin/audit';
import { signedInUser } from '../auth/sessions';
import { HttpError, parse } from '../http/errors';
import { CampaignParams } from '../http/params';
import type { Mailer } from '../mail/mailer';
import type { Store } from '../store';
import type { SurveyCampaignRecord } from '../store/store';
import { readVersioned, updateVersioned } from '../store/versioned';
import { allowOnCampaign } from './access';
import { hashAccessCode, newAccessCode } from './service';

export const surveyInvitations = (store: Store, campaignId: string) => readVersioned(store, 'survey-invitations', campaignId, noSurveyInvitations, SurveyInvitations);

const ListParams = CampaignParams.extend({ listId: z.uuid('There is no such list') });

/**
 * Personal survey links: one of the two who run a survey (the lead or a facilitator) pastes the
 * schools' addresses; the other sees them with their flags and approves, and only then is each
 * school emailed a single-use link of its own. Nobody is shown a link or a code, and addresses
 * are compared as the mailboxes they reach, so no one person can send links to themselves and
 * fill the survey up around one school.
 */
export function personalLinkRoutes(deps: { store: Store; mailer: Mailer; publicUrl: string }) {
  const { store } = deps;
  const router = Router();

  async function personalCampaign(req: Request, res: Response) {
    const user = signedInUser(res);
    const campaign = await allowOnCampaign(store, user, parse(CampaignParams, req.params).campaignId, 'hand-out-survey-access');
    if (campaign.accessMode !== 'personal') throw new HttpError(409, 'This survey does not send each school its own link');
    const membership = (await store.getMembership(campaign.siteId, user.id))!;
    return { user, campaign, role: membership.role };
  }

  async function memberAddresses(siteId: string): Promise<string[]> {
    const members = await Promise.all((await store.listSiteMembers(siteId)).map((m) => store.getUserById(m.userId)));
    return members.flatMap((m) => (m ? [m.email] : []));
  }

  router.get('/surveys/:campaignId/personal-links', async (req, res) => {
    const { user, campaign, role } = await personalCampaign(req, res);
    const invitations = await surveyInvitations(store, campaign.id);
    const reply: PersonalLinksState = { pending: invitations.pending.map((list) => ({ ...list, youMayApprove: mayApprove(list, { userId: user.id, role }) })), sent: invitations.sent.length };
    res.json(reply);
  });

  router.post('/surveys/:campaignId/personal-links', async (req, res) => {
    const { user, campaign, role } = await personalCampaign(req, res);
    const { addresses } = parse(PersonalLinksBody, req.body);
    const members = await memberAddresses(campaign.siteId);
    const memberMailboxes = new Set(members.map(canonicalAddress));
    const ours = addresses.filter((a) => memberMailboxes.has(canonicalAddress(a)));
    if (ours.length) throw new HttpError(400, `Survey links are for schools and colleges, not for people on the site (these reach a site member’s mailbox): ${ours.join(', ')}`, { addresses: 'Remove the addresses of people on the site' });
    const aliases = [...aliasesWithin(addresses).values()];
    if (aliases.length) throw new HttpError(400, `These reach the same mailbox, so only one of each may be sent a link: ${aliases.map((forms) => forms.join(' and ')).join('; ')}`, { addresses: 'Give each school’s address once' });

    let reply: PersonalLinksRequested = { pending: crypto.randomUUID(), addresses: 0, flagged: 0, alreadySent: 0 };
    // Compare-and-set, so two lists sent at once never ask for the same mailbox twice.
    await updateVersioned(
      store,
      'survey-invitations',
      campaign.id,
      noSurveyInvitations,
      (current) => {
        const asked = new Map([...current.sent.map((s) => s.email), ...current.pending.flatMap((p) => p.addresses.map((a) => a.email))].map((e) => [canonicalAddress(e), e]));
        const variants = addresses.filter((a) => asked.has(canonicalAddress(a)) && asked.get(canonicalAddress(a)) !== a);
        if (variants.length) throw new HttpError(400, `These reach a mailbox already sent a link, or waiting for one, under another form: ${variants.join(', ')}`, { addresses: 'Remove addresses already asked' });
        const fresh = addresses.filter((a) => !asked.has(canonicalAddress(a)));
        const list: PendingLinks = {
          id: reply.pending,
          requestedBy: user.id,
          requestedByName: user.name,
          requestedByRole: role === 'lead' ? 'lead' : 'facilitator',
          requestedAt: new Date().toISOString(),
          addresses: fresh.map((email) => ({ email, flags: flagsFor(email, members) })),
        };
        reply = { ...reply, addresses: fresh.length, flagged: list.addresses.filter((a) => a.flags.length).length, alreadySent: addresses.length - fresh.length };
        return { ok: true, value: { ...current, version: current.version + 1, pending: fresh.length ? [...current.pending, list] : current.pending } };
      },
      SurveyInvitations,
    );
    res.status(202).json(reply);
  });

  router.post('/surveys/:campaignId/personal-links/:listId/approval', async (req, res) => {
    const { user, campaign, role } = await personalCampaign(req, res);
    const { listId } = parse(ListParams, req.params);
    let approved: PendingLinks | null = null;
    await updateVersioned(
      store,
      'survey-invitations',
      campaign.id,
      noSurveyInvitations,
      (current) => {
        const list = current.pending.find((p) => p.id === listId);
        if (!list) throw new HttpError(404, 'This list has already been approved or withdrawn');
        if (!mayApprove(list, { userId: user.id, role })) {
          const who = list.requestedByRole === 'lead' ? 'a facilitator of the site' : 'the site’s strategic lead';
          throw new HttpError(403, `A list sent by the ${list.requestedByRole === 'lead' ? 'strategic lead' : 'facilitator'} is approved by ${who}, so that two people check every address`);
        }
        approved = list;
        const sentAt = new Date().toISOString();
        return {
          ok: true,
          value: { ...current, version: current.version + 1, pending: current.pending.filter((p) => p.id !== listId), sent: [...current.sent, ...list.addresses.map((a) => ({ email: a.email, sentAt, approvedBy: user.id }))] },
        };
      },
      SurveyInvitations,
    );
    const list = approved as PendingLinks | null;
    if (!list) throw new HttpError(404, 'This list has already been approved or withdrawn');
    await recordAudit(store, { actor: user.email, action: 'survey-links-approved', subject: `${list.addresses.length} school address(es) sent by ${list.requestedByName} for survey ${campaign.id}: ${list.addresses.map((a) => a.email + (a.flags.length ? ` [${a.flags.join(', ')}]` : '')).join(', ')}` });
    await sendLinks(campaign, list.addresses.map((a) => a.email));
    res.json({ sent: list.addresses.length });
  });

  // Either of the two may withdraw a list waiting for approval; nothing was sent from it.
  router.delete('/surveys/:campaignId/personal-links/:listId', async (req, res) => {
    const { campaign } = await personalCampaign(req, res);
    const { listId } = parse(ListParams, req.params);
    await updateVersioned(
      store,
      'survey-invitations',
      campaign.id,
      noSurveyInvitations,
      (current) => {
        if (!current.pending.some((p) => p.id === listId)) throw new HttpError(404, 'This list has already been approved or withdrawn');
        return { ok: true, value: { ...current, version: current.version + 1, pending: current.pending.filter((p) => p.id !== listId) } };
      },
      SurveyInvitations,
    );
    res.status(204).end();
  });

  async function sendLinks(campaign: SurveyCampaignRecord, addresses: string[]) {
    const codes = addresses.map(() => newAccessCode());
    await store.addAccessCodes(campaign.id, codes.map(hashAccessCode));
    const site = await store.getSite(campaign.siteId);
    for (const [index, email] of addresses.entries()) {
      const mail = personalLinkMail({
        siteName: site?.name ?? 'Your area',
        link: `${deps.publicUrl}/s/${campaign.publicToken}${codeFragment(codes[index]!)}`,
        closesOn: formatDate(campaign.closesAt),
        threshold: effectiveThreshold(campaign.threshold),
      });
      await deps.mailer.send({ to: email, ...mail });
    }
  }

  return router;
}
