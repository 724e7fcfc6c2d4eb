import { firstPageDataId } from '@shared/api/first-data-id';

/**
 * Put by the server before the app's own script on a live meeting's board that it drew: starts
 * loading the board's code (and the code of the phase it shows) as soon as the page is read,
 * beside the app's larger files, so that the app's code can already run while the board's
 * finishes. As `Link` preload hints the board's files would all start at once with the app's and
 * the app's file would arrive last; from the app itself they would start only once the app's code
 * had run. Nothing here may need zod or React, which come with the app's files.
 */
function drawnMeeting(): unknown {
  try {
    return (JSON.parse(document.getElementById(firstPageDataId)?.textContent ?? 'null') as { meeting?: unknown } | null)?.meeting;
  } catch {
    return undefined;
  }
}

// A failure here is the app's to report: it asks for the same code again when it draws the page.
import('./pages/meetings/MeetingPage').then((page) => page.loadDrawnBoard(drawnMeeting())).catch(() => {});
