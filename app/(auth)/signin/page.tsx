import { headers } from 'next/headers';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Alert, Button, Card } from '@/app/components/ui';
import { oauthProviders } from '@/lib/auth/config';
import { safeCallbackPath } from '@/lib/auth/safe-callback-path';
import { currentUser } from '@/lib/auth/session-org';
import { canReadSystemMailbox } from '@/lib/auth/system-mailbox-access';
import { signInWithProvider } from './actions';
import { EmailSignInForm } from './email-form';

export async function generateMetadata() {
  return { title: (await getTranslations('signin'))('metaTitle') };
}
export const dynamic = 'force-dynamic';

/** Auth.js's error codes (in ?error=) and what they mean to the person signing in. */
const errors = {
  Verification: 'errorVerification',
  AccessDenied: 'errorAccessDenied',
  Configuration: 'errorConfiguration',
} as const;

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; callbackUrl?: string }>;
}) {
  const { error, callbackUrl: asked } = await searchParams;
  // Only a path on this site is followed (and passed on to the forms): never //evil.example.
  const callbackUrl = asked === undefined ? undefined : safeCallbackPath(asked);
  if (await currentUser()) redirect(callbackUrl ?? '/dashboard');
  const providers = oauthProviders();
  const t = await getTranslations('signin');
  return (
    <div className="mx-auto mt-24 max-w-sm">
      <h1 className="mb-6 text-center text-2xl font-semibold text-indigo-700">{t('title')}</h1>
      <Card className="space-y-5">
        {error ? (
          <Alert kind="error">
            {t(error in errors ? errors[error as keyof typeof errors] : 'errorOther')}
          </Alert>
        ) : null}
        <EmailSignInForm callbackUrl={callbackUrl} />
        {providers.length > 0 ? (
          <div className="space-y-2 border-t border-slate-200 pt-4">
            {providers.map((p) => (
              <form key={p.id} action={signInWithProvider}>
                <input type="hidden" name="provider" value={p.id} />
                {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
                <Button type="submit" variant="secondary" className="w-full justify-center">
                  {t('continueWith', { provider: p.name })}
                </Button>
              </form>
            ))}
          </div>
        ) : null}
      </Card>
      {canReadSystemMailbox(await headers()) ? (
        <p className="mt-4 text-center text-sm text-slate-600">
          {t.rich('previewHint', {
            link: (chunks) => (
              <Link href="/mailbox" className="text-indigo-700 underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
      ) : null}
    </div>
  );
}
