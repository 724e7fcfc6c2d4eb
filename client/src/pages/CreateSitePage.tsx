import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { fieldErrors } from '@shared/api/errors';
import { CreateSiteBody } from '@shared/api/sites';
import { useCreateSite } from '../api/hooks';
import { errorList, errorsFromFailure, QuestionPage, TextField, type ErrorItem } from '../components/forms';

export function CreateSitePage() {
  const createSite = useCreateSite();
  const navigate = useNavigate();
  const [errors, setErrors] = useState<ErrorItem[]>([]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = CreateSiteBody.safeParse({ name: new FormData(event.currentTarget).get('name') });
    if (!parsed.success) return setErrors(errorList(fieldErrors(parsed.error), ['name']));
    createSite.mutate(parsed.data, {
      onSuccess: (site) => navigate(`/sites/${site.id}`),
      onError: (error) => setErrors(errorsFromFailure(error, ['name'], 'The site could not be created. Try again.')),
    });
  }

  return (
    <QuestionPage back="/" errors={errors} title="Create a site">
        <form onSubmit={submit} noValidate>
          <TextField
            id="name"
            label="Site name"
            hint="Usually the local authority area, for example Demo Borough"
            error={errors.find((e) => e.field === 'name')?.message}
            autoComplete="off"
          />
          <button type="submit" className="govuk-button" disabled={createSite.isPending}>
            Create site
          </button>
        </form>
    </QuestionPage>
  );
}
