import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { MeetingPlanBody, planRefusal } from '@shared/meetings/agenda';
import { meetingKindLabels } from '@shared/meetings/meeting';
import { phaseLabels } from '@shared/meetings/phases';
import { formatDateTime } from '@shared/format';
import { useMeetingDetail } from '../../api/meetings';
import { useMeetingPlan, useSaveMeetingPlan } from '../../api/run-of-show';
import { errorsFromFailure, QuestionPage, TextField, type ErrorItem } from '../../components/forms';
import { Loading, ProblemPage } from '../../components/Layout';

/**
 * The plan of a meeting, changed by the facilitators before it starts: a time box per phase,
 * adding up to the booked length. In the meeting they see it against the time each phase takes.
 */
export function PlanMeetingPage() {
  const { meetingId = '' } = useParams();
  const detail = useMeetingDetail(meetingId);
  const facilitates = detail.data?.facilitates === true;
  const plan = useMeetingPlan(meetingId, facilitates);
  const save = useSaveMeetingPlan(meetingId);
  const navigate = useNavigate();
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const [minutes, setMinutes] = useState<Record<string, string> | null>(null);
  if (detail.isPending || (facilitates && plan.isPending)) return <Loading />;
  if (!detail.data || !facilitates || !plan.data) return <ProblemPage title="You cannot plan this meeting" message="The facilitators plan a meeting’s time before it starts." />;
  const { meeting } = detail.data;
  if (meeting.status !== 'scheduled') return <ProblemPage title="The meeting has started" message="The plan is changed before the meeting starts." />;
  const shown = minutes ?? Object.fromEntries(plan.data.phases.map((p) => [p.phase, String(p.minutes)]));
  const total = plan.data.phases.reduce((sum, p) => sum + (Number(shown[p.phase]) || 0), 0);
  const order = plan.data.phases.map((p) => p.phase);

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = { phases: order.map((phase) => ({ phase, minutes: Number(shown[phase]) })) };
    const parsed = MeetingPlanBody.safeParse(body);
    if (!parsed.success) {
      const bad = order.find((phase) => !Number.isInteger(Number(shown[phase])) || Number(shown[phase]) < 1) ?? order[0]!;
      return setErrors([{ field: `minutes-${bad}`, message: `Enter a whole number of minutes for “${phaseLabels[bad]}”` }]);
    }
    const refusal = planRefusal(parsed.data.phases, meeting.kind, meeting.durationMinutes);
    if (refusal) return setErrors([{ field: `minutes-${order[0]}`, message: refusal }]);
    save.mutate(parsed.data, {
      onSuccess: () => navigate(`/meetings/${meetingId}`),
      onError: (error) => setErrors(errorsFromFailure(error, [], 'The plan could not be saved. Try again.')),
    });
  }
  const errorFor = (phase: string) => errors.find((e) => e.field === `minutes-${phase}`)?.message;

  return (
    <QuestionPage back={`/meetings/${meetingId}`} errors={errors} caption={meetingKindLabels[meeting.kind]} title="Plan the meeting’s time">
      <p className="govuk-body">
        The meeting on {formatDateTime(meeting.startsAt)} is booked for {meeting.durationMinutes} minutes. Give each phase its time: together they must add up to {meeting.durationMinutes}.
        In the meeting, both facilitators see how long each phase has taken against this plan.
      </p>
      <form onSubmit={submit} noValidate>
        {order.map((phase) => (
          <TextField
            key={phase}
            id={`minutes-${phase}`}
            label={`${phaseLabels[phase]} (minutes)`}
            inputMode="numeric"
            className="govuk-input--width-3"
            value={shown[phase] ?? ''}
            onChange={(e) => setMinutes({ ...shown, [phase]: e.target.value })}
            error={errorFor(phase)}
          />
        ))}
        <p className="govuk-body" aria-live="polite">
          <strong>
            Total: {total} of {meeting.durationMinutes} minutes
          </strong>
          {total !== meeting.durationMinutes && ` – ${total > meeting.durationMinutes ? `${total - meeting.durationMinutes} too many` : `${meeting.durationMinutes - total} left to give`}`}
        </p>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" disabled={save.isPending}>
            Save the plan
          </button>
          <Link className="govuk-link" to={`/sites/${meeting.siteId}/facilitator-script`}>
            Change the facilitator script
          </Link>
        </div>
      </form>
    </QuestionPage>
  );
}
