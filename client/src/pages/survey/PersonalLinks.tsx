import { useState } from 'react';
import { addressFlagText } from '@shared/survey/addresses';
import type { CampaignSummary } from '@shared/survey/api';
import { completedWords } from '@shared/survey/count';
import type { PersonalLinksState } from '@shared/survey/personal-links';
import { useDecidePersonalLinks, usePersonalLinks, useSendPersonalLinks } from '../../api/surveys';
import { ErrorSummary, errorsFromFailure, TextAreaField, type ErrorItem } from '../../components/forms';

/**
 * One of the two who run the survey pastes the schools' addresses; the other checks the list,
 * with its flags, and approves it; only then is each school emailed a link of its own that
 * nobody else sees.
 */
export function PersonalLinks({ campaign }: { campaign: CampaignSummary }) {
  const send = useSendPersonalLinks(campaign.id);
  const lists = usePersonalLinks(campaign.id);
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const error = errors.find((e) => e.field === 'addresses')?.message;
  return (
    <>
      <h3 className="govuk-heading-s">Each school’s own link</h3>
      <p className="govuk-body">
        {campaign.personalLinksSent === 1 ? '1 school or college has been sent its own link' : `${campaign.personalLinksSent} schools and colleges have been sent their own link`};{' '}
        {completedWords(campaign)} answered so far. Each link works once and is seen only by the school it was sent to. A list is sent only once the other person who runs
        the survey (a facilitator for the lead’s list, the lead for a facilitator’s) has checked and approved it.
      </p>
      {lists.data && <WaitingLists campaignId={campaign.id} pending={lists.data.pending} />}
      {send.data && !errors.length && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="status">
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">
              {send.data.addresses} address{send.data.addresses === 1 ? '' : 'es'} waiting for approval
              {send.data.flagged ? `, ${send.data.flagged} flagged` : ''}
              {send.data.alreadySent ? `; ${send.data.alreadySent} already had a link or are waiting for one` : ''}.
            </p>
          </div>
        </div>
      )}
      <ErrorSummary errors={errors} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const addresses = String(new FormData(form).get('addresses') ?? '');
          if (!addresses.trim()) return setErrors([{ field: 'addresses', message: 'Enter the email addresses of the schools and colleges' }]);
          send.mutate(addresses, {
            onSuccess: () => {
              setErrors([]);
              form.reset();
            },
            onError: (failure) => setErrors(errorsFromFailure(failure, ['addresses'], 'The list could not be sent for approval. Try again.')),
          });
        }}
      >
        <TextAreaField
          id="addresses"
          label="Email addresses of schools and colleges"
          hint="One per line, or paste a column from a spreadsheet. Addresses already sent a link are skipped. Addresses of people on the site, in any form, are refused."
          error={error}
          rows={6}
        />
        <button type="submit" className="govuk-button govuk-button--secondary" disabled={send.isPending}>
          Send the list for approval
        </button>
      </form>
    </>
  );
}

function WaitingLists({ campaignId, pending }: { campaignId: string; pending: PersonalLinksState['pending'] }) {
  const decide = useDecidePersonalLinks(campaignId);
  if (!pending.length) return null;
  return (
    <>
      <h3 className="govuk-heading-s">Lists waiting for approval</h3>
      {pending.map((list) => (
        <section key={list.id} className="govuk-summary-card" aria-label={`List from ${list.requestedByName}`}>
          <div className="govuk-summary-card__title-wrapper">
            <h4 className="govuk-summary-card__title">
              From {list.requestedByName} ({list.requestedByRole === 'lead' ? 'strategic lead' : 'facilitator'}): {list.addresses.length} address{list.addresses.length === 1 ? '' : 'es'}
            </h4>
          </div>
          <div className="govuk-summary-card__content">
            <ul className="govuk-list">
              {list.addresses.map((address) => (
                <li key={address.email}>
                  {address.email}
                  {address.flags.map((flag) => (
                    <span key={flag} className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-1">
                      <strong className="govuk-tag govuk-tag--orange govuk-!-margin-right-1">Check</strong>
                      {addressFlagText[flag]}
                    </span>
                  ))}
                </li>
              ))}
            </ul>
            {list.youMayApprove ? (
              <div className="govuk-button-group">
                <button type="button" className="govuk-button" disabled={decide.isPending} onClick={() => decide.mutate({ listId: list.id, approve: true })}>
                  Approve and send the links
                </button>
                <button type="button" className="govuk-button govuk-button--warning" disabled={decide.isPending} onClick={() => decide.mutate({ listId: list.id, approve: false })}>
                  Withdraw the list
                </button>
              </div>
            ) : (
              <p className="govuk-body">Waiting for {list.requestedByRole === 'lead' ? 'a facilitator' : 'the strategic lead'} to check and approve it.</p>
            )}
          </div>
        </section>
      ))}
    </>
  );
}
