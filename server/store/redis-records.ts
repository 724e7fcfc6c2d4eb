import type { z } from 'zod';

/** Parses a stored record with its schema: what does not fit fails here, not where it is used. */
export const parse = <T>(schema: z.ZodType<T, unknown>, raw: string): T => schema.parse(JSON.parse(raw));
