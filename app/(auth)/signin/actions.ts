'use server';

import { redirect } from 'next/navigation';
import { AuthError } from 'next-auth';
import { z } from 'zod';
import { signIn } from '@/lib/auth/config';

const emailSignIn = z.object({
  email: z.email('Enter a valid email address.'),
  callbackUrl: z
    .string()
    .regex(/^\/(?!\/)/, 'must be a local path')
    .optional()
    .catch(undefined),
});

export type SignInState = { error?: string; email?: string };

export async function signInWithEmail(_state: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = emailSignIn.safeParse({
    email: String(formData.get('email') ?? '').trim(),
    callbackUrl: formData.get('callbackUrl') || undefined,
  });
  if (!parsed.success)
    return { error: parsed.error.issues[0]?.message, email: String(formData.get('email') ?? '') };
  try {
    // redirect: false so we choose the next page ourselves instead of hopping through /api/auth.
    await signIn('email', {
      email: parsed.data.email,
      redirectTo: parsed.data.callbackUrl ?? '/dashboard',
      redirect: false,
    });
  } catch (error) {
    if (error instanceof AuthError)
      return { error: 'The sign-in link could not be sent. Try again.', email: parsed.data.email };
    throw error;
  }
  redirect('/signin/check-email');
}

export async function signInWithProvider(formData: FormData) {
  const provider = String(formData.get('provider') ?? '');
  if (!['google', 'microsoft-entra-id'].includes(provider)) redirect('/signin');
  await signIn(provider, { redirectTo: String(formData.get('callbackUrl') || '/dashboard') });
}
