import { useNavigate, useParams } from 'react-router';
import { useDirectory, useSaveEntry } from '../../api/directory';
import { errorsFromFailure, QuestionPage, TextField } from '../../components/forms';
import { Loading } from '../../components/Layout';
import { DateInput, exampleDay, readDay } from '../../components/date-input';
import { ukDay } from '@shared/dates';

const fields = [
  { id: 'organisation', label: 'Organisation' },
  { id: 'service', label: 'Service' },
  { id: 'forWhom', label: 'Who the service is for', hint: 'For example, ages, needs, or the schools it covers' },
  { id: 'referralRoute', label: 'How to refer, and any thresholds' },
  { id: 'contactName', label: 'Named point of contact' },
  { id: 'contactHow', label: 'How to contact them', hint: 'Email address or phone number' },
] as const;

/** Adding or changing a directory entry, on one page (GOV.UK question page with an error summary). */
export function DirectoryEntryPage() {
  const { siteId = '', entryId } = useParams();
  const navigate = useNavigate();
  const directory = useDirectory(siteId, '');
  const save = useSaveEntry(siteId, entryId);
  if (entryId && !directory.data) return <Loading />;
  const current = directory.data?.find((e) => e.id === entryId);
  const errors = save.isError ? errorsFromFailure(save.error, [...fields.map((f) => f.id), 'lastConfirmed'], 'The entry could not be saved. Try again.') : [];
  const error = (id: string) => errors.find((e) => e.field === id)?.message;

  return (
    <QuestionPage back={`/sites/${siteId}/directory`} errors={errors} caption="Local services directory" title={entryId ? 'Change an entry' : 'Add an entry'}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const value = (id: string) => String(form.get(id) ?? '');
          save.mutate(
            {
              organisation: value('organisation'),
              service: value('service'),
              forWhom: value('forWhom'),
              referralRoute: value('referralRoute'),
              contactName: value('contactName'),
              contactHow: value('contactHow'),
              lastConfirmed: readDay(form, 'lastConfirmed'),
            },
            { onSuccess: () => void navigate(`/sites/${siteId}/directory`) },
          );
        }}
      >
        {fields.map((f) => (
          <TextField key={f.id} id={f.id} label={f.label} hint={'hint' in f ? f.hint : undefined} error={error(f.id)} defaultValue={current?.[f.id] ?? ''} />
        ))}
        <DateInput id="lastConfirmed" legend="Date these details were last confirmed" hint={`For example, ${exampleDay({ months: -1 })}`} error={error('lastConfirmed')} defaultDay={current?.lastConfirmed ?? ukDay(new Date())} />
        <button type="submit" className="govuk-button" disabled={save.isPending}>
          Save entry
        </button>
      </form>
    </QuestionPage>
  );
}
