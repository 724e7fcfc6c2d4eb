import { z } from 'zod';

/**
 * A client-made id, sent again with any retry of the same request (a facilitation action, a
 * survey submission), so the server applies it once.
 */
export const RequestId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'The request id is not valid');
