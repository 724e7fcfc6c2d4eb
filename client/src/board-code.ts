/**
 * Put by the server before the app's own script on a live meeting's board that it drew: starts
 * loading the board's code as soon as the page is read, beside the app's larger files, so that
 * the app's code can already run while the board's finishes. As `Link` preload hints the board's
 * files would all start at once with the app's and the app's file would arrive last; from the
 * app itself they would start only once the app's code had run.
 */
// A failure here is the app's to report: it asks for the same code again when it draws the page.
import('./pages/meetings/MeetingPage').catch(() => {});
