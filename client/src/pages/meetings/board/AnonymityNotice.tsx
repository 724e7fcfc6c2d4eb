/**
 * Whether the notes people add show their names, said plainly to everyone in the room: people
 * write candidly only when they know who will see that they wrote it. A live region, so a
 * change the facilitator makes mid-meeting is announced as well as shown.
 */
export function AnonymityNotice({ anonymous }: { anonymous: boolean }) {
  return (
    <p className={`app-banner app-banner--quiet${anonymous ? ' app-banner--anonymous' : ''}`} role="status">
      {anonymous ? (
        <>
          <strong>Notes are anonymous:</strong> nobody, including the facilitator, sees who wrote them.
        </>
      ) : (
        <>
          <strong>Notes show who wrote them:</strong> your name is on every note you add.
        </>
      )}
    </p>
  );
}
