import type { UserRecord } from '../../server/store/store';

/** Records for the store contract suites. */
export const now = () => new Date().toISOString();

export const user = (id: string, email: string): UserRecord => ({
  id,
  email,
  name: `User ${id}`,
  passwordHash: 'hash',
  isFacilitator: false,
  organisation: 'Org',
  sector: 'other',
  createdAt: now(),
  deactivatedAt: null,
  lastSignInAt: null,
});
