import bcrypt from 'bcryptjs';

const productionCost = 10;

/**
 * Tests sign in hundreds of times: under vitest (NODE_ENV=test) TEST_PASSWORD_HASH_COST may lower
 * the cost to save seconds. Anywhere else the setting is ignored, so a deployment can never hash
 * passwords more cheaply than production does.
 */
function hashCost(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(env.TEST_PASSWORD_HASH_COST);
  return env.NODE_ENV === 'test' && Number.isInteger(asked) && asked >= 4 && asked < productionCost ? asked : productionCost;
}
const cost = hashCost();

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, cost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** A hash of nothing in particular, compared against when no user matches, so timing does not tell. */
export const unmatchableHash = bcrypt.hashSync('no user has this password', cost);
