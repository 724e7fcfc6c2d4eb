import { ProblemPage } from '../../components/Layout';
import { ApiRequestError } from '../../api/http';

/**
 * A meeting page with nothing to show: refused by the server (not this person's meeting), or no
 * answer at all, which is a dropped connection and says so rather than "no access".
 */
export function MeetingNotLoaded({ error, refused }: { error: unknown; refused: string }) {
  if (error instanceof ApiRequestError && error.status < 500) return <ProblemPage title="You do not have access to this meeting" message={refused} />;
  return <ProblemPage title="The meeting could not be loaded" message="The server could not be reached. Check your connection, then reload this page." />;
}
