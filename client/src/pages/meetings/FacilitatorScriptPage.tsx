import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { MeetingPhase, phaseLabels } from '@shared/meetings/phases';
import { defaultScript, FacilitatorScriptBody } from '@shared/meetings/script';
import { useSaveSiteScript, useSiteScript } from '../../api/run-of-show';
import { errorsFromFailure, QuestionPage, TextAreaField, type ErrorItem } from '../../components/forms';
import { Loading, ProblemPage } from '../../components/Layout';

/**
 * The site's facilitator script: private notes per phase, seen only by facilitators in the
 * meeting. A phase left as the guide's default keeps following it.
 */
export function FacilitatorScriptPage() {
  const { siteId = '' } = useParams();
  const script = useSiteScript(siteId);
  const save = useSaveSiteScript(siteId);
  const navigate = useNavigate();
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  if (script.isPending) return <Loading />;
  if (script.isError) return <ProblemPage title="You cannot see the facilitator script" message="Only facilitators see and change the facilitator script." />;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // Only what differs from the guide is the site's own: the rest follows the default.
    const phases = Object.fromEntries(
      MeetingPhase.options.flatMap((phase) => {
        const text = String(form.get(`script-${phase}`) ?? '').trim();
        return text && text !== defaultScript[phase] ? [[phase, text]] : [];
      }),
    );
    const parsed = FacilitatorScriptBody.safeParse({ phases });
    if (!parsed.success) return setErrors([{ field: `script-${String(parsed.error.issues[0]?.path.at(-1))}`, message: parsed.error.issues[0]?.message ?? 'Check the notes' }]);
    save.mutate(parsed.data, {
      onSuccess: () => navigate(-1),
      onError: (error) => setErrors(errorsFromFailure(error, [], 'The script could not be saved. Try again.')),
    });
  }

  return (
    <QuestionPage back={`/sites/${siteId}`} errors={errors} caption="For facilitators only" title="Facilitator script">
      <p className="govuk-body">Your notes for each phase of this site’s meetings. Only facilitators see them, beside the board; participants and the presenter view never do. Empty a box to use the programme guide’s notes again.</p>
      <form onSubmit={submit} noValidate>
        {MeetingPhase.options.map((phase) => (
          <TextAreaField
            key={phase}
            id={`script-${phase}`}
            label={phaseLabels[phase]}
            labelClassName="govuk-label--s"
            rows={5}
            defaultValue={script.data.phases[phase]}
            error={errors.find((e) => e.field === `script-${phase}`)?.message}
          />
        ))}
        <button type="submit" className="govuk-button" disabled={save.isPending}>
          Save the script
        </button>
      </form>
    </QuestionPage>
  );
}
