'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Button, Field, Input } from '@/app/components/ui';
import { type FormState, saveSettingsAction } from './actions';

export function SettingsForm({ maxAttempts }: { maxAttempts: number }) {
  const t = useTranslations('senders');
  const [state, action, pending] = useActionState<FormState, FormData>(saveSettingsAction, {});
  return (
    <form action={action} className="flex items-end gap-3">
      <Field label={t('attemptsLabel')} hint={state.error ?? state.message ?? t('attemptsHint')}>
        <Input name="maxAttempts" type="number" min={1} max={20} defaultValue={maxAttempts} />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        {t('save')}
      </Button>
    </form>
  );
}
