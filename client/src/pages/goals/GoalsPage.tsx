import { lazy, Suspense, useEffect } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { cascadeDomains } from '@shared/cascade/framework';
import type { GoalProgressEntry, GoalsOverview } from '@shared/goals/book';
import { meetingKindLabels } from '@shared/meetings/meeting';
import { changeFromBaseline } from '@shared/goals/gbo';
import { goalsCsvUrl, useAddGoalAction, useGoals, useSetGoalActionDone } from '../../api/goals';
import { useMe, useSite } from '../../api/hooks';
import type { Member } from '@shared/api/sites';
import { GoalThreadSection, RecordDecisionForm } from './GoalThread';
import { Loading, ProblemPage } from '../../components/Layout';
import { formatDate, formatDateTime } from '@shared/format';
import { useSitePresence } from '../../realtime/socket';
import { ActionList, AddActionForm, tickRefusal } from '../../components/actions';
import { mayAsOwner, type Ability } from '@shared/policy';
import { NotificationBanner } from '../../components/NotificationBanner';
import { unreadable } from '../../api/http';

const GoalChart = lazy(() => import('./GoalChart'));

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function ProgressTable({ entry }: { entry: GoalProgressEntry }) {
  const baseline = entry.progress.baseline;
  // Three columns, the date under its meeting, so the table fits beside the chart on a laptop and
  // alone on a phone; were it ever wider, it scrolls sideways in its own region, reachable by keyboard.
  return (
    <div className="app-table-scroll" role="region" aria-label={`Ratings of goal ${entry.goal.position} at each meeting`} tabIndex={0}>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s">Ratings at each meeting (0 to 10)</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Meeting</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Rating</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Change from baseline</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {entry.series.map((s) => (
            <tr className="govuk-table__row" key={s.meetingId}>
              <th scope="row" className="govuk-table__header">
                {meetingKindLabels[s.meetingKind]}
                <span className="govuk-!-display-block govuk-!-font-weight-regular">{formatDate(s.meetingDate)}</span>
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{s.rating}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{baseline === null ? '' : signed(s.rating - baseline)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface Viewer {
  id: string;
  /** From the site's abilities: the lead and facilitators act on any goal; owners on their own. */
  manages: boolean;
  abilities: readonly Ability[];
  members: Member[];
}

function GoalSection({ entry, overview, siteId, mayEdit, viewer }: { entry: GoalProgressEntry; overview: GoalsOverview; siteId: string; mayEdit: boolean; viewer: Viewer }) {
  const { goal, progress } = entry;
  const { draft } = goal;
  const setDone = useSetGoalActionDone(siteId);
  const addAction = useAddGoalAction(siteId, goal.id);
  const given = (...parts: string[]) => parts.map((p) => p.trim()).filter(Boolean).join(', ') || 'Not given';
  const rows: [string, string][] = [
    ['What will change, and for whom', given(draft.specific)],
    ['How progress is measured', given(draft.measurable.measure)],
    ['Target', given(draft.measurable.target)],
    ['Accountable organisation and person', given(draft.achievable.ownerName, draft.achievable.ownerOrganisation)],
    ['Resources', given(draft.achievable.resources)],
    ['CASCADE domains', given(draft.relevantDomains.map((d) => `${d}. ${cascadeDomains[d - 1]!.shortTitle}`).join('; '))],
    ['Due by', draft.dueDate ? formatDate(draft.dueDate) : 'Not given'],
  ];
  if (goal.override) rows.push(['Accepted without a full SMART check because', goal.override.reason]);
  return (
    <section className="app-goal-progress" aria-labelledby={`goal-${goal.id}`}>
      <h2 className="govuk-heading-m" id={`goal-${goal.id}`} tabIndex={-1}>
        Goal {goal.position}: {draft.wording}
      </h2>
      <p className="govuk-body">
        {/* Rated once, the change is 0 by arithmetic, not news: "not yet re-rated" says it. */}
        {progress.change === null || entry.series.length < 2 ? (
          progress.baseline === null ? 'No baseline rating yet.' : `Baseline ${progress.baseline} out of 10; not yet re-rated.`
        ) : (
          <>
            Now {progress.latest} out of 10, {changeFromBaseline(progress.change)} of {progress.baseline}.{' '}
            {progress.meaningful && <strong className="govuk-tag govuk-tag--green app-tag--wide">Meaningful progress</strong>}
          </>
        )}
      </p>
      <GoalThreadSection siteId={siteId} entry={entry} members={viewer.members} mayNameOwner={viewer.manages} mayCheckIn={mayAsOwner('check-in-on-goal', viewer.abilities, entry.owner?.id ?? null, viewer.id)} />
      {(entry.series.length > 0 || entry.checkIns.some((c) => c.rating !== null)) && (
        <div className="app-goal-progress__figures">
          <Suspense fallback={<div className="app-goal-chart" />}>
            <GoalChart entry={entry} meaningfulChange={overview.meaningfulChange} />
          </Suspense>
          <ProgressTable entry={entry} />
        </div>
      )}
      <dl className="govuk-summary-list">
        {rows.map(([key, value]) => (
          <div className="govuk-summary-list__row" key={key}>
            <dt className="govuk-summary-list__key">{key}</dt>
            <dd className="govuk-summary-list__value">{value}</dd>
          </div>
        ))}
      </dl>
      {mayEdit && (
        <p className="govuk-body app-no-print">
          <Link className="govuk-link" to={`/sites/${siteId}/goals/${goal.id}/edit`}>
            Change goal {goal.position}
          </Link>
        </p>
      )}
      {entry.reviews.map((r) => (
        <div key={r.meetingId} className="govuk-inset-text">
          <h3 className="govuk-heading-s">{meetingKindLabels[r.meetingKind]}, {formatDate(r.meetingDate)}</h3>
          {r.progress && <p className="govuk-body">Progress: {r.progress}</p>}
          {r.barriers && <p className="govuk-body">Barriers: {r.barriers}</p>}
          {r.overcome && <p className="govuk-body">How to overcome them: {r.overcome}</p>}
        </div>
      ))}
      <h3 className="govuk-heading-s">Actions</h3>
      <ActionList
        actions={[...entry.openActions, ...entry.doneActions]}
        caption={`Actions for goal ${goal.position}`}
        mayTick={(action) => mayAsOwner('complete-action', viewer.abilities, action.ownerId, viewer.id)}
        onDone={(actionId, done) => setDone.mutate({ actionId, done })}
        refusal={tickRefusal(setDone)}
      />
      <div className="app-no-print">
        <AddActionForm idPrefix={goal.id} add={addAction} members={viewer.members} />
      </div>
      {entry.revisions.length > 0 && (
        <details className="govuk-details govuk-!-margin-top-4">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Changes since the goal was agreed ({entry.revisions.length})</span>
          </summary>
          <div className="govuk-details__text">
            <ul className="govuk-list">
              {entry.revisions.map((r) => (
                <li key={r.at}>
                  {formatDateTime(r.at)}, {r.byName}: {r.reason}. Was “{r.before.wording}”, now “{r.after.wording}”.
                </li>
              ))}
            </ul>
          </div>
        </details>
      )}
    </section>
  );
}

/** Actions tied to no goal (a domain's, or the programme's), ticked off by their owner, the lead or a facilitator. */
function OtherActions({ overview, siteId, viewer }: { overview: GoalsOverview; siteId: string; viewer: Viewer }) {
  const setDone = useSetGoalActionDone(siteId);
  if (!overview.otherActions.length) return null;
  const about = (domainId: number | null) => (domainId ? `${domainId}. ${cascadeDomains[domainId - 1]!.shortTitle}: ` : '');
  return (
    <section aria-labelledby="other-actions-heading" id="other-actions">
      <h2 className="govuk-heading-m" id="other-actions-heading">
        Other actions
      </h2>
      <ActionList
        actions={overview.otherActions.map((a) => ({ ...a, what: `${about(a.domainId)}${a.what}` }))}
        caption="Actions about a domain or the programme as a whole"
        mayTick={(action) => mayAsOwner('complete-action', viewer.abilities, action.ownerId, viewer.id)}
        onDone={(actionId, done) => setDone.mutate({ actionId, done })}
        refusal={tickRefusal(setDone)}
      />
    </section>
  );
}

/** The site's three goals between meetings: ratings over time, change from baseline, actions. */
export function GoalsPage() {
  const { siteId = '' } = useParams();
  const site = useSite(siteId);
  const goals = useGoals(siteId);
  const me = useMe();
  // The check-in sends its owner here: the page says it was sent (GOV.UK success banner).
  const checkedIn = useSearchParams()[0].get('checked-in');
  useSitePresence(siteId); // joins the site's room, which carries changes to the goals
  const { hash } = useLocation();
  const loaded = Boolean(goals.data);
  useEffect(() => {
    // A link to one goal (the site page's notice of a check-in) lands on it, drawn only once the
    // goals are read: its heading takes focus, so it is in view and read first. Not after a
    // check-in, where the banner saying it was sent takes focus.
    if (loaded && hash && !checkedIn) document.getElementById(decodeURIComponent(hash.slice(1)))?.focus();
  }, [loaded, hash, checkedIn]);
  if (unreadable(site) || unreadable(goals)) return <ProblemPage title="Sorry, there is a problem" message="The goals could not be loaded. Check you are a member of this site." />;
  if (!site.data || !goals.data || !me.data) return <Loading />;
  const overview = goals.data;
  const mayEdit = site.data.abilities.includes('edit-goals');
  const viewer: Viewer = { id: me.data.id, manages: site.data.abilities.includes('check-in-on-goal'), abilities: site.data.abilities, members: site.data.members };
  const sentFor = overview.goals.find((g) => g.goal.id === checkedIn)?.goal.position;
  return (
    <>
      <Link to={`/sites/${siteId}`} className="govuk-back-link app-no-print">
        Back to {site.data.name}
      </Link>
      {sentFor !== undefined && (
        <NotificationBanner id="checked-in-title" title="Success" role="alert" success>
          <p className="govuk-notification-banner__heading">Check-in sent for goal {sentFor}</p>
        </NotificationBanner>
      )}
      <span className="govuk-caption-l">{site.data.name}</span>
      <h1 className="govuk-heading-l">Goals and progress</h1>
      {!overview.locked ? (
        <>
          <p className="govuk-body">The three goals are agreed at the strategic consultation meeting. None have been agreed yet.</p>
          <OtherActions overview={overview} siteId={siteId} viewer={viewer} />
        </>
      ) : (
        <>
          <p className="govuk-body">
            Each goal is rated from 0 (no progress) to 10 (fully reached) at the consultation and at each review. A rise of {overview.meaningfulChange} or more points from the baseline is marked as
            meaningful progress; this is a programme setting, not a clinical measure.
          </p>
          <p className="govuk-body app-no-print">
            <a className="govuk-link" href={goalsCsvUrl(siteId)} download>
              Download goals, ratings and actions (CSV)
            </a>
            {' · '}
            <button type="button" className="app-link-button govuk-link" onClick={() => window.print()}>
              Print this page
            </button>
          </p>
          {overview.goals.map((entry) => (
            <GoalSection key={entry.goal.id} entry={entry} overview={overview} siteId={siteId} mayEdit={mayEdit} viewer={viewer} />
          ))}
          <OtherActions overview={overview} siteId={siteId} viewer={viewer} />
          {(overview.otherDecisions.length > 0 || viewer.manages) && (
            <section aria-labelledby="other-decisions">
              <h2 className="govuk-heading-m" id="other-decisions">
                Other decisions
              </h2>
              {viewer.manages && <RecordDecisionForm siteId={siteId} goalId={null} />}
              {overview.otherDecisions.length === 0 && <p className="govuk-body-s">No decisions about a domain or the programme as a whole yet.</p>}
              <ul className="govuk-list govuk-list--bullet">
                {overview.otherDecisions.map((d) => (
                  <li key={d.id}>
                    {d.domainId ? `${d.domainId}. ${cascadeDomains[d.domainId - 1]!.shortTitle}: ` : ''}
                    {d.text} ({formatDate(d.recordedAt)})
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </>
  );
}
