import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { fieldErrors } from '@shared/api/errors';
import { CreateSiteBody } from '@shared/api/sites';
import { useCreateSite } from '../api/hooks';
import { ApiRequestError } from '../api/http';
import { errorList, ErrorSummary, TextField, type ErrorItem } from '../components/forms';

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
      onError: (error) =>
        setErrors(error instanceof ApiRequestError ? errorList(error.fields, ['name'], error.message) : [{ field: '', message: 'The site could not be created. Try again.' }]),
    });
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link to="/" className="govuk-back-link">
          Back
        </Link>
        <ErrorSummary errors={errors} />
        <form onSubmit={submit} noValidate>
          <h1 className="govuk-heading-l">Create a site</h1>
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
      </div>
    </div>
  );
}
