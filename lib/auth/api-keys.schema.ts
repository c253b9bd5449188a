import { z } from 'zod';

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1, 'is required').max(100, 'is at most 100 characters'),
});

/** An API key as the API and pages show it: never the key or its hash. */
export const apiKeyView = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});
export type ApiKeyView = z.infer<typeof apiKeyView>;

/** Keys look like `mr_live_<43 base64url characters>`; the prefix is what lists and logs show. */
export const API_KEY_PREFIX = 'mr_live_';
export const API_KEY_VISIBLE_LENGTH = API_KEY_PREFIX.length + 8;
