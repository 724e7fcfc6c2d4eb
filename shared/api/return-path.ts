/**
 * Where to go after signing in: a path on this site, never another site (`//evil.example`,
 * `/\evil.example` and absolute addresses are all refused), and never the sign-in page itself.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length > 500) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  // Control characters and spaces have no place in our own paths.
  if (/[\u0000-\u0020\u007f]/.test(value)) return '/';
  if (value === '/sign-in' || value.startsWith('/sign-in?')) return '/';
  return value;
}

/** The sign-in page's address, coming back to `returnTo` afterwards. */
export const signInPath = (returnTo: string) => (safeReturnPath(returnTo) === '/' ? '/sign-in' : `/sign-in?returnTo=${encodeURIComponent(safeReturnPath(returnTo))}`);
