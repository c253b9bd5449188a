// The connect and callback routes' query strings.
import { z } from 'zod';

export const connectQuery = z.object({
  /** What the account is for; only the scopes that needs are asked for. */
  purpose: z.enum(['send', 'receive', 'both']).default('send'),
  /** The connected account to reconnect (its id as listed): keeps its id, history and uses. */
  account: z.uuid('is not a connected account id').optional(),
  /** The sender account to reconnect (before connected accounts had their own id; still accepted). */
  senderId: z.uuid().optional(),
});

export const callbackQuery = z.object({
  code: z.string().min(1).optional(),
  state: z.string().min(1).optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
});
