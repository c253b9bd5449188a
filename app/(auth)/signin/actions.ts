'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { AuthError } from 'next-auth';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { AppError } from '@/lib/api/errors';
import { signIn } from '@/lib/auth/config';
import { safeCallbackPath } from '@/lib/auth/safe-callback-path';
import { getDb } from '@/lib/db/client';
import { clientAddressOf } from '@/lib/net/client-address';
import { limitSignInEmail } from '@/lib/rate-limit/limit-sign-in-email';

const emailSignIn = z.object({
  email: z.email(),
  callbackUrl: z.unknown().transform((v) => safeCallbackPath(v)),
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
    await limitSignInEmail(getDb(), {
      email: parsed.data.email,
      clientAddress: clientAddressOf(await headers()),
    });
  } catch (error) {
    if (error instanceof AppError && error.status === 429) {
      const minutes = Math.max(1, Math.ceil(Number(error.headers?.['Retry-After'] ?? 60) / 60));
      return { error: t('tooManyEmails', { minutes }), email: parsed.data.email };
    }
    throw error;
  }
  try {
    // redirect: false so we choose the next page ourselves instead of hopping through /api/auth.
    await signIn('email', {
      email: parsed.data.email,
      redirectTo: parsed.data.callbackUrl,
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
  await signIn(provider, { redirectTo: safeCallbackPath(formData.get('callbackUrl')) });
}
