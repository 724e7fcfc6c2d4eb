import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { startOfUkDay, ukDay, ukTime } from '@shared/dates';
import { formatDateTime } from '@shared/format';
import type { CampaignSummary, SurveyDatesBody } from '@shared/survey/api';
import { api } from '../../api/http';
import { isRealDay } from '@shared/dates';
import { DateInput, readDay } from '../../components/date-input';
import { ErrorSummary, errorsFromFailure, type ErrorItem } from '../../components/forms';
import { ActionButton, replyOf } from '../meetings/board/ActionButton';
import { surveyDayMissing } from './survey-day-examples';


/** Closing a survey early, extending it or moving it, with the record of every change. */
export function SurveyDates({ campaign }: { campaign: CampaignSummary }) {
  const client = useQueryClient();
  const change = useMutation({
    mutationFn: (body: SurveyDatesBody) => api.patch(`/surveys/${encodeURIComponent(campaign.id)}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['surveys', campaign.id] }),
  });
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const opened = campaign.opensAt <= new Date().toISOString();
  const closed = campaign.closesAt <= new Date().toISOString();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const closesOn = readDay(form, 'closesOn');
    const opensOn = opened ? ukDay(campaign.opensAt) : readDay(form, 'opensOn');
    const found: ErrorItem[] = [];
    if (!isRealDay(opensOn)) found.push({ field: 'opensOn', message: surveyDayMissing('opens') });
    if (!isRealDay(closesOn)) found.push({ field: 'closesOn', message: surveyDayMissing('closes') });
    else if (isRealDay(opensOn) && closesOn < opensOn) found.push({ field: 'closesOn', message: 'The survey must close on or after the day it opens' });
    if (found.length) return setErrors(found);
    setErrors([]);
    change.mutate(
      { opensAt: opened ? campaign.opensAt : startOfUkDay(opensOn), closesAt: ukTime(closesOn, 17) },
      { onError: (error) => setErrors(errorsFromFailure(error, ['opensOn', 'closesOn'], 'The dates could not be changed. Try again.')) },
    );
  }
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;

  return (
    <section aria-labelledby="survey-dates-heading" className="app-no-print">
      <h2 className="govuk-heading-m" id="survey-dates-heading">
        {closed ? 'The survey has closed' : 'Close early, extend or move the survey'}
      </h2>
      <ErrorSummary errors={errors} />
      {closed ? (
        <p className="govuk-body">
          It closed {formatDateTime(campaign.closesAt)} and stays closed, so that its final count cannot be compared with a later one. To ask again, open a new survey.
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          {!opened && <DateInput id="opensOn" legend="When does the survey open?" defaultDay={ukDay(campaign.opensAt)} error={errorFor('opensOn')} />}
          <DateInput id="closesOn" legend="When does it close?" hint="At 5pm UK time on this day" defaultDay={ukDay(campaign.closesAt)} error={errorFor('closesOn')} />
          <button type="submit" className="govuk-button govuk-button--secondary" disabled={change.isPending}>
            Save the new dates
          </button>
        </form>
      )}
      {opened && !closed && (
        <ActionButton
          variant="quiet-warning"
          run={() => replyOf(() => change.mutateAsync({ opensAt: campaign.opensAt, closesAt: new Date().toISOString() }))}
          confirm={{ question: 'Close the survey now? Schools and colleges can no longer answer, and it cannot be opened again.', yes: 'Yes, close it now' }}
          done="The survey is closed"
        >
          Close the survey now
        </ActionButton>
      )}
      {campaign.dateChanges.length > 0 && (
        <>
          <h3 className="govuk-heading-s">Changes to its dates</h3>
          <ul className="govuk-list govuk-list--bullet">
            {campaign.dateChanges.map((c) => (
              <li key={c.at}>
                {formatDateTime(c.at)}, {c.by}: open from {formatDateTime(c.opensAt)} until {formatDateTime(c.closesAt)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
