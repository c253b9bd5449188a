'use client';

import { useTranslations } from 'next-intl';
import { Alert, Button, Field, Input } from '@/app/components/ui';
import { useKeptForm } from '@/app/components/use-kept-form';
import { type SignInState, signInWithEmail } from './actions';

export function EmailSignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations('signin');
  const { state, pending, form } = useKeptForm<SignInState>(signInWithEmail, {});
  return (
    <form {...form} className="space-y-4">
      {state.error ? <Alert kind="error">{state.error}</Alert> : null}
      <Field label={t('emailLabel')}>
        <Input
          type="email"
          name="email"
          required
          autoComplete="email"
          defaultValue={state.email}
          placeholder={t('emailPlaceholder')}
        />
      </Field>
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <Button type="submit" disabled={pending} className="w-full justify-center">
        {pending ? t('sending') : t('submit')}
      </Button>
    </form>
  );
}
