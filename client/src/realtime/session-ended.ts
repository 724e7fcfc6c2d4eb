/**
 * Who wants to know when the server closes this tab's socket because its session ended
 * elsewhere. Kept apart from the socket so the page layout can listen without loading socket.io.
 */
const listeners = new Set<(message: string) => void>();

export function onSessionEnded(listener: (message: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function sessionEnded(message: string): void {
  for (const listener of listeners) listener(message);
}
