import { protectionStatement } from '@shared/survey/protection';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { AccessMode } from '@shared/survey/api';
import { useOpenSurvey } from '../../api/surveys';
import { useTimeline } from '../../api/programme';
import { isRealDay } from '@shared/dates';
import { DateInput, readDay } from '../../components/date-input';
import { Loading } from '../../components/Layout';
import { startOfUkDay, ukDay, ukTime } from '@shared/dates';

import { surveyDayMissing, surveyExampleDay } from './survey-day-examples';
import { errorsFromFailure, QuestionPage, RadioGroup, type ErrorItem } from '../../components/forms';

export function OpenSurveyPage() {
  const { siteId = '' } = useParams();
  const open = useOpenSurvey(siteId);
  const navigate = useNavigate();
  const timeline = useTimeline(siteId);
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  if (timeline.isPending) return <Loading />;
  const plan = timeline.data?.plan;
  const today = ukDay(new Date());
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <QuestionPage back={`/sites/${siteId}`} errors={errors} title="Open the survey of schools and colleges">
      <p className="govuk-body">
        The dates come from the site’s programme; change them if you need to. The survey closes at 5pm on its last day. You will get a link to send to every school and college in
        your area.
      </p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          const accessMode = form.get('accessMode');
          const [opensOn, closesOn] = [readDay(form, 'opensAt'), readDay(form, 'closesAt')];
          const found: ErrorItem[] = [];
          if (!isRealDay(opensOn)) found.push({ field: 'opensAt', message: surveyDayMissing('opens') });
          if (!isRealDay(closesOn)) found.push({ field: 'closesAt', message: surveyDayMissing('closes') });
          else if (isRealDay(opensOn) && closesOn < opensOn) found.push({ field: 'closesAt', message: 'The survey must close on or after the day it opens' });
          else if (closesOn < today) found.push({ field: 'closesAt', message: 'The closing date must be today or in the future' });
          if (!accessMode) found.push({ field: 'accessMode', message: 'Choose how schools and colleges get into the survey' });
          if (found.length) return setErrors(found);
          open.mutate(
            { accessMode: accessMode as AccessMode, opensAt: opensOn <= today ? new Date().toISOString() : startOfUkDay(opensOn), closesAt: ukTime(closesOn, 17) },
            {
              onSuccess: (campaign) => navigate(`/surveys/${campaign.id}`),
              onError: (error) => setErrors(errorsFromFailure(error, ['opensAt', 'closesAt', 'accessMode'], 'The survey could not be opened. Try again.')),
            },
          );
        }}
      >
        <DateInput id="opensAt" legend="When does the survey open?" hint={`For example, ${surveyExampleDay('opens')}`} defaultDay={plan && plan.surveyOpensOn > today ? plan.surveyOpensOn : today} error={errorFor('opensAt')} />
        <DateInput id="closesAt" legend="When does it close?" hint={`At 5pm UK time on this day. For example, ${surveyExampleDay('closes')}`} defaultDay={plan && plan.surveyClosesOn >= today ? plan.surveyClosesOn : null} error={errorFor('closesAt')} />
        <RadioGroup
          id="accessMode"
          legend="How do schools and colleges get into the survey?"
          hint="Codes and personal links stop a school answering twice, and are never linked to answers."
          options={[
            { value: 'personal', label: 'We email each school or college its own single-use link', hint: `Recommended. ${protectionStatement.personal}` },
            { value: 'codes', label: 'We hand out one access code per school or college', hint: protectionStatement.codes },
            { value: 'open', label: 'Anyone with the link can answer', hint: protectionStatement.open },
          ]}
          error={errorFor('accessMode')}
        />
        <button type="submit" className="govuk-button" disabled={open.isPending}>
          Open survey
        </button>
      </form>
    </QuestionPage>
  );
}
