import { Router } from 'express';
import { effectiveThreshold } from '@shared/survey/anonymity';
import { PersonalLinksBody } from '@shared/survey/api';
import { codeFragment } from '@shared/survey/link-code';
import { noSurveyInvitations, personalLinkMail, SurveyInvitations } from '@shared/survey/personal-links';
import { formatDate } from '@shared/format';
import { signedInUser } from '../auth/sessions';
import { HttpError, parse } from '../http/errors';
import { CampaignParams } from '../http/params';
import type { Mailer } from '../mail/mailer';
import type { Store } from '../store';
import { readVersioned, updateVersioned } from '../store/versioned';
import { allowOnCampaign } from './access';
import { hashAccessCode, newAccessCode } from './service';

export const surveyInvitations = (store: Store, campaignId: string) => readVersioned(store, 'survey-invitations', campaignId, noSurveyInvitations, SurveyInvitations);

/**
 * Personal survey links: the lead pastes the schools' addresses and each school is emailed a
 * single-use link of its own. Nobody is shown a link or a code, so nobody can answer for a
 * school or fill the survey up to the threshold themselves.
 */
export function personalLinkRoutes(deps: { store: Store; mailer: Mailer; publicUrl: string }) {
  const { store } = deps;
  const router = Router();

  router.post('/surveys/:campaignId/personal-links', async (req, res) => {
    const user = signedInUser(res);
    const campaign = await allowOnCampaign(store, user, parse(CampaignParams, req.params).campaignId, 'hand-out-survey-access');
    if (campaign.accessMode !== 'personal') throw new HttpError(409, 'This survey does not send each school its own link');
    const { addresses } = parse(PersonalLinksBody, req.body);
    const members = await Promise.all((await store.listSiteMembers(campaign.siteId)).map((m) => store.getUserById(m.userId)));
    const memberAddresses = new Set(members.map((m) => m?.email.toLowerCase()));
    const ours = addresses.filter((a) => memberAddresses.has(a));
    if (ours.length) throw new HttpError(400, `Survey links are for schools and colleges, not for people on the site: ${ours.join(', ')}`, { addresses: 'Remove the addresses of people on the site' });

    const now = new Date().toISOString();
    let fresh: string[] = [];
    // Record who is being asked first, by compare-and-set, so two people sending at once never double-send.
    await updateVersioned(
      store,
      'survey-invitations',
      campaign.id,
      noSurveyInvitations,
      (current) => {
        const already = new Set(current.sent.map((s) => s.email));
        fresh = addresses.filter((a) => !already.has(a));
        return { ok: true, value: { version: current.version + 1, sent: [...current.sent, ...fresh.map((email) => ({ email, sentAt: now }))] } };
      },
      SurveyInvitations,
    );
    const codes = fresh.map(() => newAccessCode());
    await store.addAccessCodes(campaign.id, codes.map(hashAccessCode));
    const site = await store.getSite(campaign.siteId);
    for (const [index, email] of fresh.entries()) {
      const mail = personalLinkMail({
        siteName: site?.name ?? 'Your area',
        link: `${deps.publicUrl}/s/${campaign.publicToken}${codeFragment(codes[index]!)}`,
        closesOn: formatDate(campaign.closesAt),
        threshold: effectiveThreshold(campaign.threshold),
      });
      await deps.mailer.send({ to: email, ...mail });
    }
    res.status(201).json({ sent: fresh.length, alreadySent: addresses.length - fresh.length });
  });

  return router;
}
