/**
 * A random id for a request that may be sent more than once (a retry after a lost answer):
 * the server applies it once. `crypto.randomUUID` needs a secure context; this does not.
 */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
