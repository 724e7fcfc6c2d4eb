/** A plain page that says what went wrong and what to do next: a heading and a sentence. */
export function PlainProblem({ title, message }: { title: string; message: string }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{title}</h1>
        <p className="govuk-body">{message}</p>
      </div>
    </div>
  );
}
