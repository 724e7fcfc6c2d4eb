/**
 * Rejects when `promise` takes longer than `ms`: a health check must answer, not hang, and a call
 * to Redis must not hold up what does not need it. ("timed out" reads as the store being away.)
 */
export function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
