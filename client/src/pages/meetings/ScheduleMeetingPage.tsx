import { useState, type FormEvent } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { fieldErrors } from '@shared/api/errors';
import { CreateMeetingBody, isReviewKind, lengthHintFor, longestMeetingMinutes, MeetingKind, meetingKindLabels, reviewMinutes } from '@shared/meetings/meeting';
import { roleLabels } from '@shared/roles';
import { useSite } from '../../api/hooks';
import { useCreateMeeting, useSiteMeetings } from '../../api/meetings';
import { useTimeline } from '../../api/programme';
import { bookingWindowHint } from '@shared/programme/plan';
import { errorList, errorsFromFailure, QuestionPage, RadioGroup, TextField, type ErrorItem } from '../../components/forms';
import { readStart, StartsAtField } from '../../components/date-input';
import { Loading, ProblemPage } from '../../components/Layout';
import { formatDateTime } from '@shared/format';

const fieldOrder = ['kind', 'startsAt', 'durationMinutes', 'attendeeIds', 'baseMeetingId'];

export function ScheduleMeetingPage() {
  const { siteId = '' } = useParams();
  const site = useSite(siteId);
  const meetings = useSiteMeetings(siteId);
  const timeline = useTimeline(siteId);
  const create = useCreateMeeting(siteId);
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [errors, setErrors] = useState<ErrorItem[]>([]);

  if (site.isPending || meetings.isPending) return <Loading />;
  if (!site.data || !site.data.abilities.includes('schedule-meeting')) {
    return <ProblemPage title="You cannot schedule meetings for this site" message="Facilitators and the strategic lead schedule meetings." />;
  }
  const chosenKind = MeetingKind.safeParse(search.get('kind')).data;
  // Reviews are often booked before the consultation is held: a meeting still to come may be chosen.
  const reviewable = (meetings.data ?? []).filter((m) => (m.status === 'closed' || m.status === 'scheduled') && (m.kind === 'consultation' || isReviewKind(m.kind)));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const start = readStart(form, 'meeting');
    const kind = form.get('kind') as string | null;
    const body = {
      kind: kind ?? undefined,
      startsAt: start.startsAt,
      durationMinutes: Number(form.get('durationMinutes')) || undefined,
      attendeeIds: form.getAll('attendeeIds').map(String),
      baseMeetingId: kind && isReviewKind(kind as MeetingKind) ? String(form.get('baseMeetingId') ?? '') || undefined : undefined,
    };
    const parsed = CreateMeetingBody.safeParse(body);
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error);
      if (start.problem) fields.startsAt = start.problem;
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
          <RadioGroup
            id="kind"
            legend="What kind of meeting is it?"
            hint="Tailored support sessions are chosen on their own page, with their format and content."
            options={MeetingKind.options.filter((k) => k !== 'tailored-support').map((k) => ({ value: k, label: meetingKindLabels[k] }))}
            defaultValue={search.get('kind') ?? undefined}
            error={errorFor('kind')}
          />
          <StartsAtField legend="When does it start?" hint={bookingWindowHint(timeline.data?.plan, chosenKind)} error={errorFor('startsAt')} />
          <TextField id="durationMinutes" label="How long is it, in minutes?" hint={lengthHintFor(chosenKind)} inputMode="numeric" className="govuk-input--width-4" defaultValue={chosenKind && isReviewKind(chosenKind) ? String(reviewMinutes) : String(longestMeetingMinutes)} error={errorFor('durationMinutes')} />
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
          {reviewable.length > 0 && (
            <RadioGroup
              id="baseMeetingId"
              legend="For a review meeting: which meeting does it review?"
              hint="The review's board starts from that meeting's board, with its ratings shown beside the new ones. A meeting not yet held is linked when the review starts."
              options={[
                { value: '', label: 'The latest consultation or review held before it' },
                ...reviewable.map((m) => ({ value: m.id, label: `${meetingKindLabels[m.kind]}, ${formatDateTime(m.startsAt)}${m.status === 'scheduled' ? ' (not held yet)' : ''}` })),
              ]}
              defaultValue=""
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
