import type { ReactElement } from 'react';
import type { EventRegistration } from '@shared/programme/registration';
import { useEventRegistration } from '../../api/programme';
import { ApiRequestError } from '../../api/http';
import { Loading, ProblemPage } from '../../components/Layout';

/** Loads one event for a page, or gives the page to show instead while it loads or when it cannot. */
export function useEventPage(meetingId: string): { event: EventRegistration; fallback: null } | { event: null; fallback: ReactElement } {
  const registration = useEventRegistration(meetingId);
  if (registration.isPending) return { event: null, fallback: <Loading /> };
  if (registration.isError) {
    const forbidden = registration.error instanceof ApiRequestError && registration.error.status === 403;
    return {
      event: null,
      fallback: forbidden ? (
        <ProblemPage title="You do not have access to this event" message="Ask the site's strategic lead to invite you to the site." />
      ) : (
        <ProblemPage title="Sorry, there is a problem" message="The event could not be loaded. Refresh the page to try again." />
      ),
    };
  }
  return { event: registration.data, fallback: null };
}
