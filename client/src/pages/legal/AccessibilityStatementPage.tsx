import { Placeholder } from './Placeholder';

/**
 * The accessibility statement the Public Sector Bodies Accessibility Regulations 2018 ask for, in
 * the shape of GOV.UK's model statement. What we test is stated; the organisation's details and
 * its own audit are placeholders.
 */
export function AccessibilityStatementPage() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Accessibility statement</h1>
        <p className="govuk-body">
          This statement applies to the Link Programme tool at <Placeholder>web address</Placeholder>, run by <Placeholder>name of the organisation</Placeholder>. We want as many
          people as possible to be able to use it. You should be able to:
        </p>
        <ul className="govuk-list govuk-list--bullet">
          <li>do everything with a keyboard alone, including grouping notes on a meeting board (every drag has a button that does the same)</li>
          <li>use it with a screen reader: what happens in a meeting is announced beside the control that caused it</li>
          <li>use the meeting board on a phone as well as on a laptop</li>
        </ul>

        <h2 className="govuk-heading-m">How accessible it is</h2>
        <p className="govuk-body">
          Every page is checked automatically against WCAG 2.1 AA with axe-core each time the tool changes, and the forms follow the GOV.UK Design System. We know of these
          problems: <Placeholder>known issues found by your own audit, or “none”</Placeholder>.
        </p>

        <h2 className="govuk-heading-m">Feedback and contact</h2>
        <p className="govuk-body">
          If you need information in another format, or find a problem, contact <Placeholder>email address and phone number</Placeholder>. We will reply within{' '}
          <Placeholder>number</Placeholder> working days.
        </p>

        <h2 className="govuk-heading-m">Enforcement</h2>
        <p className="govuk-body">
          The Equality and Human Rights Commission enforces the accessibility regulations. If you are not happy with how we respond, contact the Equality Advisory and Support
          Service (EASS).
        </p>

        <h2 className="govuk-heading-m">Compliance status</h2>
        <p className="govuk-body">
          This tool is <Placeholder>fully / partially</Placeholder> compliant with the Web Content Accessibility Guidelines version 2.2 AA standard. It was last tested on{' '}
          <Placeholder>date</Placeholder> by <Placeholder>who tested it</Placeholder>. This statement was prepared on <Placeholder>date</Placeholder>.
        </p>
      </div>
    </div>
  );
}
