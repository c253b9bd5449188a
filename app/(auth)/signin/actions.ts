'use server';

import { redirect } from 'next/navigation';
import { AuthError } from 'next-auth';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { signIn } from '@/lib/auth/config';

const emailSignIn = z.object({
  email: z.email(),
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
  const t = await getTranslations('signin');
  if (!parsed.success) {
    const badEmail = parsed.error.issues.some((i) => i.path[0] === 'email');
    return {
      error: badEmail ? t('invalidEmail') : t('errorOther'),
      email: String(formData.get('email') ?? ''),
    };
  }
  try {
    // redirect: false so we choose the next page ourselves instead of hopping through /api/auth.
    await signIn('email', {
      email: parsed.data.email,
      redirectTo: parsed.data.callbackUrl ?? '/dashboard',
      redirect: false,
    });
  } catch (error) {
    if (error instanceof AuthError) return { error: t('couldNotSend'), email: parsed.data.email };
    throw error;
  }
  redirect('/signin/check-email');
}

export async function signInWithProvider(formData: FormData) {
  const provider = String(formData.get('provider') ?? '');
  if (!['google', 'microsoft-entra-id'].includes(provider)) redirect('/signin');
  await signIn(provider, { redirectTo: String(formData.get('callbackUrl') || '/dashboard') });
}
