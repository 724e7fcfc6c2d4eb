import { itemStatusLabels, type Deadline, type ItemStatus } from '@shared/programme/deadline';
import { formatDate } from '@shared/format';

const tagColour: Record<ItemStatus, string> = { done: 'govuk-tag--green', due: 'govuk-tag--yellow', overdue: 'govuk-tag--red', upcoming: 'govuk-tag--grey', 'not-needed': 'govuk-tag--grey' };

export function StatusTag({ status }: { status: ItemStatus }) {
  return <strong className={`govuk-tag ${tagColour[status]}`}>{itemStatusLabels[status]}</strong>;
}

/** A site's next deadline in one line: what, by when, and whether it has been missed. */
export function NextDeadline({ deadline }: { deadline: Deadline | null | undefined }) {
  if (!deadline) return <>Nothing left to do</>;
  return (
    <>
      {deadline.what}, by {formatDate(deadline.by)} {deadline.status === 'overdue' && <StatusTag status="overdue" />}
    </>
  );
}
