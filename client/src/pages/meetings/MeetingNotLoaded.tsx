import { ProblemPage } from '../../components/Layout';
import { refusedByServer } from '../../api/http';

/**
 * A meeting page with nothing to show: refused by the server (not this person's meeting), or not
 * read at all (a dropped connection, a fault), which says so rather than "no access".
 */
export function MeetingNotLoaded({ error, refused }: { error: unknown; refused: string }) {
  if (refusedByServer(error)) return <ProblemPage title="You do not have access to this meeting" message={refused} />;
  return <ProblemPage title="The meeting could not be loaded" message="It could not be read just now. Check your connection, then reload this page." />;
}
