import { useState } from 'react';
import type { CampaignSummary } from '@shared/survey/api';
import { useSendPersonalLinks } from '../../api/surveys';
import { ErrorSummary, errorsFromFailure, TextAreaField, type ErrorItem } from '../../components/forms';

/** The lead pastes the schools' addresses; each is emailed a link of its own that nobody else sees. */
export function PersonalLinks({ campaign }: { campaign: CampaignSummary }) {
  const send = useSendPersonalLinks(campaign.id);
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const error = errors.find((e) => e.field === 'addresses')?.message;
  return (
    <>
      <h3 className="govuk-heading-s">Each school’s own link</h3>
      <p className="govuk-body">
        {campaign.personalLinksSent === 1 ? '1 school or college has been sent its own link' : `${campaign.personalLinksSent} schools and colleges have been sent their own link`};{' '}
        {campaign.completed} answered so far. Each link works once and is seen only by the school it was sent to, so nobody can answer for a school.
      </p>
      {send.data && !errors.length && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="status">
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">
              Sent {send.data.sent} link{send.data.sent === 1 ? '' : 's'}
              {send.data.alreadySent ? `; ${send.data.alreadySent} already had one` : ''}.
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
            onError: (failure) => setErrors(errorsFromFailure(failure, ['addresses'], 'The links could not be sent. Try again.')),
          });
        }}
      >
        <TextAreaField
          id="addresses"
          label="Email addresses of schools and colleges"
          hint="One per line, or paste a column from a spreadsheet. Addresses already sent a link are skipped."
          error={error}
          rows={6}
        />
        <button type="submit" className="govuk-button govuk-button--secondary" disabled={send.isPending}>
          Send the links
        </button>
      </form>
    </>
  );
}
