import bcrypt from 'bcryptjs';

const cost = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, cost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** A hash of nothing in particular, compared against when no user matches, so timing does not tell. */
export const unmatchableHash = bcrypt.hashSync('no user has this password', cost);
