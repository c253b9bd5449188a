'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Alert, Button, Field, Input } from '@/app/components/ui';
import { type AddSuppressionState, addSuppressionAction } from './actions';

export function AddSuppressionForm() {
  const t = useTranslations('suppressions');
  const [state, action, pending] = useActionState<AddSuppressionState, FormData>(addSuppressionAction, {});
  return (
    <div className="space-y-3">
      <form action={action} className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <Field label={t('address')} hint={t('addressHint')}>
            <Input name="address" required maxLength={320} />
          </Field>
        </div>
        <div className="min-w-64 flex-1">
          <Field label={t('note')}>
            <Input name="detail" maxLength={2000} />
          </Field>
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? t('adding') : t('add')}
        </Button>
      </form>
      {state.error ? <Alert kind="error">{state.error}</Alert> : null}
    </div>
  );
}
