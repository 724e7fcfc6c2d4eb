import { z } from 'zod';
import type { Ability } from '../policy';

export const Email = z
  .string({ error: 'Enter an email address' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter an email address')
  .max(254, 'Email address must be 254 characters or fewer')
  // RFC 5322's pattern: zod's default refuses characters real addresses may hold (! # $ % & * / = ? ^ ` { | } ~).
  .pipe(z.email({ pattern: z.regexes.rfc5322Email, error: 'Enter an email address in the correct format, like name@example.org' }));

export const NewPassword = z
  .string({ error: 'Enter a password' })
  .min(10, 'Password must be 10 characters or more')
  .max(200, 'Password must be 200 characters or fewer');

export const PersonName = z
  .string({ error: 'Enter your full name' })
  .trim()
  .min(1, 'Enter your full name')
  .max(120, 'Name must be 120 characters or fewer');

export const LoginBody = z.object({
  email: Email,
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const Me = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  organisation: z.string(),
  role: z.literal('facilitator').optional(),
  /** What the account may do beyond any one site (from shared/policy.ts). */
  abilities: z.array(z.custom<Ability>()),
});
export type Me = z.infer<typeof Me>;
