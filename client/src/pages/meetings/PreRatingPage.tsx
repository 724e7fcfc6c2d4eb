import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { fieldErrors } from '@shared/api/errors';
import { DomainId, domain as domainOf, dontKnowLabel, ratingLabels, ratingValues } from '@shared/cascade/framework';
import { PreRatingBody } from '@shared/meetings/meeting';
import { serverMessage } from '../../api/http';
import { useMyPreRatings, useSavePreRating } from '../../api/meetings';
import { changeLink, useOpenedFromCheck } from '../../components/check-answers';
import { errorList, QuestionPage, RadioGroup, type ErrorItem } from '../../components/forms';
import { Loading, ProblemPage } from '../../components/Layout';

const dontKnowValue = 'dont-know';

/** One CASCADE domain per page, as GOV.UK asks of questionnaires. */
export function PreRatingPage() {
  const { meetingId = '', domain: domainParam = '' } = useParams();
  const parsedDomain = DomainId.safeParse(Number(domainParam));
  const mine = useMyPreRatings(meetingId);
  const save = useSavePreRating(meetingId);
  const navigate = useNavigate();
  const changing = useOpenedFromCheck();
  // Errors belong to the domain they were found on: going back to another shows none.
  const [found, setFound] = useState<{ domain: number; errors: ErrorItem[] }>({ domain: 0, errors: [] });

  if (!parsedDomain.success) return <ProblemPage title="Page not found" message="There are seven domains, numbered 1 to 7." />;
  if (mine.isPending) return <Loading />;
  if (!mine.data) return <ProblemPage title="You cannot rate this meeting" message="Only people invited to the meeting rate it beforehand." />;
  const domainId = parsedDomain.data;
  const domain = domainOf(domainId);
  const saved = mine.data.find((r) => r.domain === domainId);
  const checkPage = `/meetings/${meetingId}/ratings/check`;
  const next = changing || domainId === 7 ? checkPage : `/meetings/${meetingId}/ratings/${domainId + 1}`;
  const back = changing ? checkPage : domainId > 1 ? `/meetings/${meetingId}/ratings/${domainId - 1}` : `/meetings/${meetingId}`;
  const errors = found.domain === domainId ? found.errors : [];
  const setErrors = (list: ErrorItem[]) => setFound({ domain: domainId, errors: list });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const choice = form.get('rating');
    const body = { rating: choice === null ? undefined : choice === dontKnowValue ? null : Number(choice), comment: String(form.get('comment') ?? '') };
    const parsed = PreRatingBody.safeParse(body);
    if (!parsed.success) return setErrors(errorList(fieldErrors(parsed.error), ['rating', 'comment']));
    save.mutate(
      { domain: domainId, body: parsed.data },
      {
        onSuccess: () => {
          setErrors([]);
          navigate(next);
        },
        onError: (error) => setErrors([{ field: '', message: serverMessage(error, 'Your rating could not be saved. Try again.') }]),
      },
    );
  }
  const ratingError = errors.find((e) => e.field === 'rating')?.message;

  // Each domain is drawn afresh (`key`), its heading taking focus as a new page's would: "Save
  // and continue" changes the question without a page load, and focus stayed on the old button.
  return (
    <QuestionPage key={domainId} back={back} errors={errors} caption={`Domain ${domainId} of 7`} title={domain.title} focusHeading>
      {domain.goldStandard && (
        <div className="govuk-inset-text">
          <strong>Gold standard:</strong> {domain.goldStandard}
        </div>
      )}
      <p className="govuk-body">Only you see your answers. At the meeting the facilitator may show everyone how the group answered, without names.</p>
      <form onSubmit={submit} noValidate>
        <RadioGroup
          id="rating"
          legend="How far is your area from the gold standard?"
          options={[
            ...ratingValues.map((value) => ({ value: String(value), label: `${value} – ${ratingLabels[value]}` })),
            { value: dontKnowValue, label: dontKnowLabel },
          ]}
          defaultValue={saved ? (saved.rating === null ? dontKnowValue : String(saved.rating)) : undefined}
          error={ratingError}
        />
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="comment">
            Comments (optional)
          </label>
          <div id="comment-hint" className="govuk-hint">
            What is working well, or what gets in the way? Up to 500 characters.
          </div>
          <textarea className="govuk-textarea" id="comment" name="comment" rows={4} maxLength={500} aria-describedby="comment-hint" defaultValue={saved?.comment ?? ''} />
        </div>
        <button type="submit" className="govuk-button" disabled={save.isPending}>
          Save and continue
        </button>
      </form>
    </QuestionPage>
  );
}

export function PreRatingCheckPage() {
  const { meetingId = '' } = useParams();
  const mine = useMyPreRatings(meetingId);
  if (mine.isPending) return <Loading />;
  if (!mine.data) return <ProblemPage title="You cannot rate this meeting" message="Only people invited to the meeting rate it beforehand." />;
  // Reached from a domain without a page load: its heading takes focus as a new page's would.
  return (
    <QuestionPage errors={[]} title="Check your ratings" focusHeading>
      <dl className="govuk-summary-list">
        {([1, 2, 3, 4, 5, 6, 7] as const).map((id) => {
          const rating = mine.data.find((r) => r.domain === id);
          return (
            <div className="govuk-summary-list__row" key={id}>
              <dt className="govuk-summary-list__key">{domainOf(id).shortTitle}</dt>
              <dd className="govuk-summary-list__value">
                {!rating ? 'Not rated yet' : rating.rating === null ? dontKnowLabel : `${rating.rating} – ${ratingLabels[rating.rating]}`}
                {rating?.comment && <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">{rating.comment}</p>}
              </dd>
              <dd className="govuk-summary-list__actions">
                <Link className="govuk-link" to={changeLink(`/meetings/${meetingId}/ratings/${id}`)}>
                  Change<span className="govuk-visually-hidden"> {domainOf(id).shortTitle}</span>
                </Link>
              </dd>
            </div>
          );
        })}
      </dl>
      <p className="govuk-body">You can change your ratings until the meeting starts.</p>
      <Link to={`/meetings/${meetingId}`} className="govuk-button">
        Done
      </Link>
    </QuestionPage>
  );
}
