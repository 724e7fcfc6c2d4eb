import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/** What an action's reply says: done, or refused with the reason. */
export type ActionReply = { ok: true } | { ok: false; error: string };

const noAnswer = 'No answer from the server. Check your connection and try again.';

/** An HTTP request's outcome as an action reply: done, or refused with the server's reason. */
export async function replyOf(request: () => Promise<unknown>): Promise<ActionReply> {
  try {
    await request();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** Runs an action and turns a thrown error (no answer in time) into a refusal. */
export async function attempt(run: () => Promise<ActionReply>): Promise<ActionReply> {
  try {
    return await run();
  } catch {
    return { ok: false, error: noAnswer };
  }
}

/**
 * A button for a meeting action whose outcome is shown right beside it, in a live region, so the
 * person who pressed it sees and hears what happened wherever they are on the page. With
 * `confirm`, the first press asks before anything is done (for what cannot be undone).
 */
export function ActionButton({
  children,
  run,
  confirm,
  done,
  variant = 'secondary',
  disabled,
}: {
  children: ReactNode;
  run: () => Promise<ActionReply>;
  /** With `unfinished`, the question comes as a GOV.UK warning naming what is left undone. */
  confirm?: { question: string; yes: string; no?: string; unfinished?: readonly string[] };
  /** Said once the action has been done, e.g. "Ratings shown to everyone". */
  done?: string;
  variant?: 'primary' | 'secondary' | 'warning' | 'quiet-warning';
  disabled?: boolean;
}) {
  const [state, setState] = useState<'idle' | 'confirming' | 'pending'>('idle');
  const [outcome, setOutcome] = useState<ActionReply | null>(null);
  // What was said on success, fixed then: the button may mean something else afterwards.
  const [said, setSaid] = useState<string | undefined>(undefined);
  const questionId = useId();
  // Back from "Cancel", keyboard users land on the button they pressed, not at the top of the page.
  const trigger = useRef<HTMLButtonElement>(null);
  const [cancelled, setCancelled] = useState(false);
  useEffect(() => {
    if (cancelled && state === 'idle') trigger.current?.focus();
  }, [cancelled, state]);
  const variantClass = { primary: '', secondary: ' govuk-button--secondary', warning: ' govuk-button--warning', 'quiet-warning': ' govuk-button--secondary app-button--quiet-warning' }[variant];

  async function go() {
    setState('pending');
    const reply = await attempt(run);
    setOutcome(reply);
    setSaid(done);
    setState('idle');
  }

  return (
    <div className="app-action">
      {state === 'confirming' && confirm ? (
        <div className="app-action__confirm" role="group" aria-labelledby={questionId}>
          {confirm.unfinished ? (
            <>
              <div className="govuk-warning-text govuk-!-margin-bottom-2">
                <span className="govuk-warning-text__icon" aria-hidden="true">
                  !
                </span>
                <strong className="govuk-warning-text__text" id={questionId}>
                  <span className="govuk-visually-hidden">Warning: </span>
                  {confirm.question}
                </strong>
              </div>
              <ul className="govuk-list govuk-list--bullet">
                {confirm.unfinished.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </>
          ) : (
            <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-2" id={questionId}>
              {confirm.question}
            </p>
          )}
          <div className="govuk-button-group govuk-!-margin-bottom-0">
            <button type="button" className={`govuk-button${variantClass} govuk-!-margin-bottom-0`} autoFocus onClick={() => void go()}>
              {confirm.yes}
            </button>
            <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => {
                setCancelled(true);
                setState('idle');
              }}
            >
              {confirm.no ?? 'Cancel'}
            </button>
          </div>
        </div>
      ) : (
        <button
          ref={trigger}
          type="button"
          className={`govuk-button${variantClass} govuk-!-margin-bottom-0`}
          disabled={disabled || state === 'pending'}
          aria-disabled={state === 'pending' || undefined}
          onClick={() => {
            setCancelled(false);
            if (confirm) setState('confirming');
            else void go();
          }}
        >
          {children}
        </button>
      )}
      <ActionOutcome pending={state === 'pending'} outcome={outcome} done={said} />
    </div>
  );
}

/** How long a success stays on screen (it has been announced); a refusal stays until the next try. */
const successShownMs = 6000;

/** The outcome of an action, beside its control: a live region that is always there, so it is announced. */
export function ActionOutcome({ pending, outcome, done }: { pending: boolean; outcome: ActionReply | null; done?: string }) {
  const refused = outcome && !outcome.ok ? outcome.error : null;
  const [fresh, setFresh] = useState(false);
  // When this outcome was first shown: a part of the page hidden and shown again (another domain
  // of the board, then back) runs this effect anew, and must neither say a success again for a
  // full spell nor bring a refusal into view again.
  const firstShown = useRef<{ outcome: ActionReply; at: number } | null>(null);
  const errorLine = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!outcome) return;
    if (firstShown.current?.outcome !== outcome) {
      firstShown.current = { outcome, at: Date.now() };
      // A refusal appears under the control, which may sit at the foot of the screen: brought
      // into view, as little as needed.
      if (!outcome.ok) errorLine.current?.scrollIntoView({ block: 'nearest' });
    }
    if (!outcome.ok) return;
    const left = successShownMs - (Date.now() - firstShown.current.at);
    setFresh(left > 0);
    if (left <= 0) return;
    const timer = setTimeout(() => setFresh(false), left);
    return () => clearTimeout(timer);
  }, [outcome]);
  return (
    <>
      <p className="app-action__status" role="status">
        {pending ? 'Saving…' : outcome?.ok && fresh && done ? done : ''}
      </p>
      <p className="app-action__error" role="alert" ref={errorLine}>
        {refused && (
          <>
            <span className="govuk-visually-hidden">Error: </span>
            {refused}
          </>
        )}
      </p>
    </>
  );
}
