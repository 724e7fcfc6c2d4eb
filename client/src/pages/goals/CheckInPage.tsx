import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { fieldErrors } from '@shared/api/errors';
import { mayAsOwner } from '@shared/policy';
import { gboMax, gboMin } from '@shared/goals/gbo';
import { checkInTextLimits, CheckInBody, confidenceLabels, confidenceLevels, type Confidence } from '@shared/goals/thread-schemas';
import { useCheckIn, useGoals } from '../../api/goals';
import { useMe, useSite } from '../../api/hooks';
import { errorList, errorsFromFailure, QuestionPage, RadioGroup, type ErrorItem } from '../../components/forms';
import { CharacterCountField } from '../../components/character-count';
import { changeLink, useOpenedFromCheck } from '../../components/check-answers';
import { Loading, ProblemPage } from '../../components/Layout';
import { unreadable } from '../../api/http';

/**
 * A check-in on a goal, one question per page as GOV.UK asks: a provisional rating (or the choice
 * not to rate it now), how likely the goal is to be met, what has happened, what is in the way;
 * then a page to check the answers before sending. The answers so far are kept in the tab's
 * session storage, so going back or reloading loses nothing; the change id made with the draft
 * sends it once.
 */
const steps = ['rating', 'confidence', 'happened', 'in-the-way', 'check'] as const;
type Step = (typeof steps)[number];

interface Draft {
  changeId: string;
  /** Absent until answered; null is the answer "I would rather not rate it now". */
  rating?: number | null;
  confidence: Confidence | null;
  happened: string;
  inTheWay: string;
  helpNeeded: string;
  helpFrom: string;
}
const noRating = 'none';

const storageKey = (siteId: string, goalId: string) => `check-in:${siteId}:${goalId}`;
function readDraft(key: string): Draft {
  try {
    const stored = sessionStorage.getItem(key);
    if (stored) return JSON.parse(stored) as Draft;
  } catch {
    // A draft that cannot be read starts afresh.
  }
  return { changeId: crypto.randomUUID(), confidence: null, happened: '', inTheWay: '', helpNeeded: '', helpFrom: '' };
}

export function CheckInPage() {
  const { siteId = '', goalId = '', step: stepParam = 'rating' } = useParams();
  const step = (steps as readonly string[]).includes(stepParam) ? (stepParam as Step) : null;
  const site = useSite(siteId);
  const goals = useGoals(siteId);
  const me = useMe();
  const send = useCheckIn(siteId, goalId);
  const navigate = useNavigate();
  const changing = useOpenedFromCheck();
  const key = storageKey(siteId, goalId);
  const [draft, setDraft] = useState<Draft>(() => readDraft(key));
  // Errors belong to the question they were found on: going back to another shows none.
  const [found, setFound] = useState<{ at: string; errors: ErrorItem[] }>({ at: '', errors: [] });

  if (!step) return <ProblemPage title="Page not found" message="That page is not part of a check-in." />;
  if (unreadable(site) || unreadable(goals)) return <ProblemPage title="Sorry, there is a problem" message="The goal could not be loaded. Check you are a member of this site." />;
  if (!site.data || !goals.data || !me.data) return <Loading />;
  const entry = goals.data.goals.find((g) => g.goal.id === goalId);
  if (!entry) return <ProblemPage title="Page not found" message="That goal is not one of the site’s goals." />;
  if (!mayAsOwner('check-in-on-goal', site.data.abilities, entry.owner?.id ?? null, me.data.id)) return <ProblemPage title="You cannot check in on this goal" message="The goal’s owner, the strategic lead and facilitators check in on a goal." />;

  const base = `/sites/${siteId}/goals/${goalId}/check-in`;
  const index = steps.indexOf(step);
  const back = changing ? `${base}/check` : index === 0 ? `/sites/${siteId}/goals` : `${base}/${steps[index - 1]}`;
  // Each question is drawn afresh (`key`), taking focus as a new page would.
  const frame = { back, caption: `Goal ${entry.goal.position}: ${entry.goal.draft.wording}`, focusHeading: true };
  const errors = found.at === step ? found.errors : [];
  const error = (field: string) => errors.find((e) => e.field === field)?.message;

  const keep = (changes: Partial<Draft>, fields: (keyof typeof CheckInBody.shape)[]) => {
    const next = { ...draft, ...changes };
    const parsed = CheckInBody.pick(Object.fromEntries(fields.map((f) => [f, true])) as Record<(typeof fields)[number], true>).safeParse(next);
    if (!parsed.success) return setFound({ at: step, errors: errorList(fieldErrors(parsed.error), fields) });
    setFound({ at: '', errors: [] });
    setDraft(next);
    sessionStorage.setItem(key, JSON.stringify(next));
    navigate(changing ? `${base}/check` : `${base}/${steps[index + 1]}`);
  };
  const formOf = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    return (name: string) => (form.get(name) === null ? null : String(form.get(name)));
  };
  const continueButton = (
    <button type="submit" className="govuk-button" data-module="govuk-button">
      Continue
    </button>
  );

  switch (step) {
    case 'rating':
      return (
        <QuestionPage key={step} {...frame} errors={errors} title="Where is the goal now, out of 10?">
          <form noValidate onSubmit={(e) => { const field = formOf(e); const choice = field('rating'); keep({ rating: choice === null ? undefined : choice === noRating ? null : Number(choice) }, ['rating']); }}>
            <RadioGroup
              id="rating"
              legend="Your provisional rating"
              hint="0 is no progress, 5 half way, 10 fully reached. This is your view for now; the group agrees the rating at the next review."
              options={[...Array.from({ length: gboMax - gboMin + 1 }, (_, n) => ({ value: String(n), label: String(n) })), { value: noRating, label: 'I would rather not rate it now' }]}
              defaultValue={draft.rating === undefined ? undefined : draft.rating === null ? noRating : String(draft.rating)}
              error={error('rating')}
            />
            {continueButton}
          </form>
        </QuestionPage>
      );
    case 'confidence':
      return (
        <QuestionPage key={step} {...frame} errors={errors} title="How likely is the goal to be met by its due date?">
          <form noValidate onSubmit={(e) => keep({ confidence: formOf(e)('confidence') as Confidence | null }, ['confidence'])}>
            <RadioGroup id="confidence" legend="Choose one" options={confidenceLevels.map((c) => ({ value: c, label: confidenceLabels[c] }))} defaultValue={draft.confidence ?? undefined} error={error('confidence')} />
            {continueButton}
          </form>
        </QuestionPage>
      );
    case 'happened':
      return (
        <QuestionPage key={step} {...frame} errors={errors} title="What has happened since the last check-in?">
          <form noValidate onSubmit={(e) => keep({ happened: formOf(e)('happened') ?? '' }, ['happened'])}>
            <CharacterCountField id="happened" label="What has happened" labelClassName="govuk-visually-hidden" hint="For example, meetings held, people reached, numbers so far." rows={5} limit={checkInTextLimits.happened} defaultValue={draft.happened} error={error('happened')} />
            {continueButton}
          </form>
        </QuestionPage>
      );
    case 'in-the-way':
      return (
        <QuestionPage key={step} {...frame} errors={errors} title="Is anything in the way?">
          <form
            noValidate
            onSubmit={(e) => {
              const field = formOf(e);
              keep({ inTheWay: field('inTheWay') ?? '', helpNeeded: field('helpNeeded') ?? '', helpFrom: field('helpFrom') ?? '' }, ['inTheWay', 'helpNeeded', 'helpFrom']);
            }}
          >
            <p className="govuk-body">Leave these empty if nothing is in the way.</p>
            <CharacterCountField id="inTheWay" label="What is in the way (optional)" rows={3} limit={checkInTextLimits.inTheWay} defaultValue={draft.inTheWay} error={error('inTheWay')} />
            <CharacterCountField id="helpNeeded" label="What help do you need (optional)" rows={3} limit={checkInTextLimits.helpNeeded} defaultValue={draft.helpNeeded} error={error('helpNeeded')} />
            <CharacterCountField id="helpFrom" label="Who could help (optional)" hint="A person, a team or an organisation" rows={1} limit={checkInTextLimits.helpFrom} defaultValue={draft.helpFrom} error={error('helpFrom')} />
            {continueButton}
          </form>
        </QuestionPage>
      );
    case 'check': {
      const rows: [string, string, Step][] = [
        ['Provisional rating', draft.rating === undefined ? 'Not answered' : draft.rating === null ? 'Not rated' : `${draft.rating} out of 10`, 'rating'],
        ['How likely by the due date', draft.confidence ? confidenceLabels[draft.confidence] : 'Not answered', 'confidence'],
        ['What has happened', draft.happened || 'Not answered', 'happened'],
        ['What is in the way', draft.inTheWay || 'Nothing said', 'in-the-way'],
        // One row per question asked: run together, a name alone read as "Help needed: from …".
        ['Help needed', draft.helpNeeded || 'None asked for', 'in-the-way'],
        ['Who could help', draft.helpFrom || 'No one named', 'in-the-way'],
      ];
      const sendErrors = send.isError ? errorsFromFailure(send.error, ['confidence', 'happened', 'rating'], 'The check-in could not be sent. Try again.') : [];
      return (
        <QuestionPage key={step} {...frame} errors={sendErrors.map((e) => ({ ...e, field: '' }))} title="Check your check-in before sending it">
          <dl className="govuk-summary-list">
            {rows.map(([label, value, at]) => (
              <div className="govuk-summary-list__row" key={label}>
                <dt className="govuk-summary-list__key">{label}</dt>
                <dd className="govuk-summary-list__value app-preserve-lines">{value}</dd>
                <dd className="govuk-summary-list__actions">
                  <Link className="govuk-link" to={changeLink(`${base}/${at}`)}>
                    Change<span className="govuk-visually-hidden"> {label.toLowerCase()}</span>
                  </Link>
                </dd>
              </div>
            ))}
          </dl>
          <p className="govuk-body">Check-ins cannot be changed once sent. Everyone on the site sees them on the goal’s page, and the next review opens with them.</p>
          <button
            type="button"
            className="govuk-button"
            disabled={send.isPending}
            onClick={() =>
              send.mutate(
                { ...draft, confidence: draft.confidence ?? undefined } as CheckInBody,
                {
                  onSuccess: () => {
                    sessionStorage.removeItem(key);
                    navigate(`/sites/${siteId}/goals?checked-in=${goalId}#goal-${goalId}`);
                  },
                },
              )
            }
          >
            Send check-in
          </button>
        </QuestionPage>
      );
    }
  }
}
