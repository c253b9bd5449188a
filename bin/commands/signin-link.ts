import { z } from 'zod';
import { createSignInLink } from '@/lib/auth/create-sign-in-link';
import { getDb } from '@/lib/db/client';
import { defineCommand, requireOption, UsageError } from '../command';

export const signinLinkCommand = defineCommand({
  name: 'signin:link',
  summary: 'Print a one-time sign-in link for an email address (no email is sent)',
  usage: 'signin:link --email you@example.com',
  options: { email: { type: 'string' } },
  run: async (values) => {
    const email = requireOption(values, 'email');
    if (!z.email().safeParse(email.trim()).success)
      throw new UsageError(`--email "${email}" is not an email address`);
    const { url, expires } = await createSignInLink(getDb(), { email });
    console.log(
      `One-time sign-in link for ${email.trim().toLowerCase()} (valid until ${expires.toISOString()}; it works once):\n${url}`,
    );
    return 0;
  },
});
