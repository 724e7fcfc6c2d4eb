import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fieldErrors } from '@shared/api/errors';
import { ukDay } from '@shared/dates';
import { formatDateTime } from '@shared/format';
import { lengthHintFor, meetingKindLabels, rescheduleBodyFor, type RescheduleMeetingBody } from '@shared/meetings/meeting';
import { useMeetingDetail } from '../../api/meetings';
import { api } from '../../api/http';
import { readStart, StartsAtField } from '../../components/date-input';
import { errorList, errorsFromFailure, QuestionPage, TextField, type ErrorItem } from '../../components/forms';
import { Loading, ProblemPage } from '../../components/Layout';

const fieldOrder = ['startsAt', 'durationMinutes'];
const ukClock = (iso: string) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Europe/London' }).format(new Date(iso));

/** Moving a meeting that has not started: everyone registered is emailed the new date and a calendar file. */
export function MoveMeetingPage() {
  const { meetingId = '' } = useParams();
  const detail = useMeetingDetail(meetingId);
  const client = useQueryClient();
  const navigate = useNavigate();
  const move = useMutation({
    mutationFn: (body: RescheduleMeetingBody) => api.patch(`/meetings/${encodeURIComponent(meetingId)}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['meetings', meetingId] }),
  });
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  if (detail.isPending) return <Loading />;
  if (!detail.data || !detail.data.abilities.includes('reschedule-meeting') || detail.data.meeting.status !== 'scheduled') {
    return <ProblemPage title="You cannot move this meeting" message="The strategic lead and facilitators move meetings that have not started." />;
  }
  const { meeting } = detail.data;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const start = readStart(form, 'meeting');
    const body = { startsAt: start.startsAt, durationMinutes: Number(form.get('durationMinutes')) || undefined };
    const parsed = rescheduleBodyFor(meeting.kind).safeParse(body);
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error);
      if (start.problem) fields.startsAt = start.problem;
      return setErrors(errorList(fields, fieldOrder));
    }
    move.mutate(parsed.data, {
      onSuccess: () => navigate(`/meetings/${meetingId}`),
      onError: (error) => setErrors(errorsFromFailure(error, fieldOrder, 'The meeting could not be moved. Try again.')),
    });
  }
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;

  return (
    <QuestionPage back={`/meetings/${meetingId}`} errors={errors} caption={meetingKindLabels[meeting.kind]} title="Move the meeting">
      <p className="govuk-body">It is now on {formatDateTime(meeting.startsAt)}. Everyone registered will be emailed the new date with a calendar file that moves it in their calendar.</p>
      <form onSubmit={submit} noValidate>
        <StartsAtField legend="When does it start now?" hint="UK time" error={errorFor('startsAt')} defaultDay={ukDay(meeting.startsAt)} defaultTime={ukClock(meeting.startsAt)} />
        <TextField id="durationMinutes" label="How long is it, in minutes?" hint={lengthHintFor(meeting.kind)} inputMode="numeric" className="govuk-input--width-4" defaultValue={String(meeting.durationMinutes)} error={errorFor('durationMinutes')} />
        <button type="submit" className="govuk-button" disabled={move.isPending}>
          Move the meeting
        </button>
      </form>
    </QuestionPage>
  );
}
