import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { AccessMode } from '@shared/survey/api';
import { useOpenSurvey } from '../../api/surveys';
import { errorsFromFailure, QuestionPage, RadioGroup, type ErrorItem } from '../../components/forms';

export function OpenSurveyPage() {
  const { siteId = '' } = useParams();
  const open = useOpenSurvey(siteId);
  const navigate = useNavigate();
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  return (
    <QuestionPage back={`/sites/${siteId}`} errors={errors} title="Open the survey of schools and colleges">
      <p className="govuk-body">The survey runs from 1 November to 5pm on 26 November, as the programme guide sets out. You will get a link to send to every school and college in your area.</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const accessMode = new FormData(e.currentTarget).get('accessMode');
          if (!accessMode) return setErrors([{ field: 'accessMode', message: 'Choose how schools and colleges get into the survey' }]);
          open.mutate(
            { accessMode: accessMode as AccessMode },
            { onSuccess: (campaign) => navigate(`/surveys/${campaign.id}`), onError: (error) => setErrors(errorsFromFailure(error, ['accessMode'], 'The survey could not be opened. Try again.')) },
          );
        }}
      >
        <RadioGroup
          id="accessMode"
          legend="How do schools and colleges get into the survey?"
          hint="Codes and personal links stop a school answering twice, and are never linked to answers."
          options={[
            { value: 'personal', label: 'We email each school or college its own single-use link', hint: 'Recommended. Nobody, including you, sees another school’s link, so nobody can answer for a school.' },
            { value: 'codes', label: 'We hand out one access code per school or college' },
            { value: 'open', label: 'Anyone with the link can answer' },
          ]}
          error={errors.find((e) => e.field === 'accessMode')?.message}
        />
        <button type="submit" className="govuk-button" disabled={open.isPending}>
          Open survey
        </button>
      </form>
    </QuestionPage>
  );
}
