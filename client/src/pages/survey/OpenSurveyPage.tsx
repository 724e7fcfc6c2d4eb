import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
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
          if (!accessMode) return setErrors([{ field: 'accessMode', message: 'Choose whether schools need an access code' }]);
          open.mutate(
            { accessMode: accessMode as 'open' | 'codes' },
            { onSuccess: (campaign) => navigate(`/surveys/${campaign.id}`), onError: (error) => setErrors(errorsFromFailure(error, ['accessMode'], 'The survey could not be opened. Try again.')) },
          );
        }}
      >
        <RadioGroup
          id="accessMode"
          legend="Do schools need an access code?"
          hint="Codes stop a school answering twice. You hand out one code per school; codes are never linked to answers."
          options={[
            { value: 'open', label: 'No, anyone with the link can answer' },
            { value: 'codes', label: 'Yes, one code per school or college' },
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
