// The plain pages (the school survey, signing in) work without JavaScript; this makes them a little kinder where it runs.
import { codeFromFragment } from '@shared/survey/link-code';
import './plain-pages.scss';

// A school's own link carries its code after `#`: fill it in, so there is nothing to type.
const personalCode = document.querySelector<HTMLElement>('[data-personal-link]');
const code = codeFromFragment(window.location.hash);
if (personalCode && code) {
  const input = personalCode.querySelector('input')!;
  const hidden = Object.assign(document.createElement('input'), { type: 'hidden', name: input.name, value: code });
  const note = Object.assign(document.createElement('p'), { className: 'govuk-body', textContent: 'This link is for your school or college only, and works once.' });
  personalCode.replaceWith(hidden, note);
}

// As GOV.UK Frontend does: move focus to the error summary, so screen reader users hear it first.
document.querySelector<HTMLElement>('.govuk-error-summary')?.focus();

// One press of "Start now" or "Send survey" is enough; a second would only wait for the first.
for (const form of document.querySelectorAll('form')) {
  let sent = false;
  form.addEventListener('submit', (event) => {
    if (sent && form.querySelector('[data-prevent-double-click]')) event.preventDefault();
    sent = true;
  });
}
