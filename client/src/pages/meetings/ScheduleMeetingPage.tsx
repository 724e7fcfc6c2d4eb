import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { fieldErrors } from '@shared/api/errors';
import { CreateMeetingBody, isReviewKind, MeetingKind, meetingKindLabels } from '@shared/meetings/meeting';
import { roleLabels } from '@shared/roles';
import { useSite } from '../../api/hooks';
import { useCreateMeeting, useSiteMeetings } from '../../api/meetings';
import { errorList, errorsFromFailure, QuestionPage, RadioGroup, TextField, type ErrorItem } from '../../components/forms';
import { Loading, ProblemPage } from '../../components/Layout';
import { formatDateTime } from '@shared/format';

const fieldOrder = ['kind', 'startsAt', 'durationMinutes', 'attendeeIds', 'baseMeetingId'];

/** Date and time as typed, read as UK local time (the guide's meetings are all in England). */
function ukDateTime(date: string, time: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return undefined;
  const asUtc = new Date(`${date}T${time}:00Z`);
  const london = new Date(asUtc.toLocaleString('en-US', { timeZone: 'Europe/London' }));
  const utc = new Date(asUtc.toLocaleString('en-US', { timeZone: 'UTC' }));
  return new Date(asUtc.getTime() - (london.getTime() - utc.getTime())).toISOString();
}

export function ScheduleMeetingPage() {
  const { siteId = '' } = useParams();
  const site = useSite(siteId);
  const meetings = useSiteMeetings(siteId);
  const create = useCreateMeeting(siteId);
  const navigate = useNavigate();
  const [errors, setErrors] = useState<ErrorItem[]>([]);

  if (site.isPending || meetings.isPending) return <Loading />;
  if (site.isError || site.data.myRole === 'stakeholder') {
    return <ProblemPage title="You cannot schedule meetings for this site" message="Facilitators and the strategic lead schedule meetings." />;
  }
  const closed = (meetings.data ?? []).filter((m) => m.status === 'closed');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const kind = form.get('kind') as string | null;
    const body = {
      kind: kind ?? undefined,
      startsAt: ukDateTime(String(form.get('date') ?? ''), String(form.get('time') ?? '')),
      durationMinutes: Number(form.get('durationMinutes')) || undefined,
      attendeeIds: form.getAll('attendeeIds').map(String),
      baseMeetingId: kind && isReviewKind(kind as MeetingKind) ? String(form.get('baseMeetingId') ?? '') || undefined : undefined,
    };
    const parsed = CreateMeetingBody.safeParse(body);
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error);
      if (fields.startsAt) fields.startsAt = 'Enter the date and time of the meeting, for example 12 January 2027 at 10:00';
      return setErrors(errorList(fields, fieldOrder));
    }
    create.mutate(body as CreateMeetingBody, {
      onSuccess: (meeting) => navigate(`/meetings/${meeting.id}`),
      onError: (error) => setErrors(errorsFromFailure(error, fieldOrder, 'The meeting could not be scheduled. Try again.')),
    });
  }
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;
  const invitable = site.data.members.filter((m) => m.role !== 'facilitator');

  return (
    <QuestionPage back={`/sites/${siteId}`} errors={errors} caption={site.data.name} title="Schedule a meeting">
        <form onSubmit={submit} noValidate>
          <RadioGroup id="kind" legend="What kind of meeting is it?" options={MeetingKind.options.map((k) => ({ value: k, label: meetingKindLabels[k] }))} error={errorFor('kind')} />
          <div className={`govuk-form-group${errorFor('startsAt') ? ' govuk-form-group--error' : ''}`}>
            <fieldset className="govuk-fieldset" aria-describedby={`startsAt-hint${errorFor('startsAt') ? ' startsAt-error' : ''}`}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">When does it start?</legend>
              <div id="startsAt-hint" className="govuk-hint">
                UK time. The guide asks for the consultation between January and the end of the month.
              </div>
              {errorFor('startsAt') && (
                <p id="startsAt-error" className="govuk-error-message">
                  <span className="govuk-visually-hidden">Error:</span> {errorFor('startsAt')}
                </p>
              )}
              <TextField id="startsAt" name="date" label="Date" type="date" className="govuk-input--width-10" />
              <TextField id="time" label="Start time" type="time" className="govuk-input--width-5" defaultValue="10:00" />
            </fieldset>
          </div>
          <TextField id="durationMinutes" label="How long is it, in minutes?" hint="The consultation meeting lasts up to 3 hours (180 minutes); reviews 90 minutes." inputMode="numeric" className="govuk-input--width-4" defaultValue="180" error={errorFor('durationMinutes')} />
          <div className={`govuk-form-group${errorFor('attendeeIds') ? ' govuk-form-group--error' : ''}`}>
            <fieldset className="govuk-fieldset" aria-describedby="attendeeIds-hint">
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Who is invited?</legend>
              <div id="attendeeIds-hint" className="govuk-hint">
                Select all that apply. Facilitators and the strategic lead can always join.
              </div>
              <div className="govuk-checkboxes govuk-checkboxes--small">
                {invitable.map((member, index) => (
                  <div className="govuk-checkboxes__item" key={member.userId}>
                    <input className="govuk-checkboxes__input" id={index === 0 ? 'attendeeIds' : `attendee-${member.userId}`} name="attendeeIds" type="checkbox" value={member.userId} defaultChecked />
                    <label className="govuk-label govuk-checkboxes__label" htmlFor={index === 0 ? 'attendeeIds' : `attendee-${member.userId}`}>
                      {member.name} ({roleLabels[member.role].toLowerCase()}{member.organisation ? `, ${member.organisation}` : ''})
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          {closed.length > 0 && (
            <RadioGroup
              id="baseMeetingId"
              legend="For a review meeting: which meeting does it review?"
              hint="The review's board starts from that meeting's board, with its ratings shown beside the new ones."
              options={closed.map((m) => ({ value: m.id, label: `${meetingKindLabels[m.kind]}, ${formatDateTime(m.startsAt)}` }))}
              defaultValue={closed[0]!.id}
              error={errorFor('baseMeetingId')}
            />
          )}
          <button type="submit" className="govuk-button" disabled={create.isPending}>
            Schedule meeting
          </button>
        </form>
    </QuestionPage>
  );
}
