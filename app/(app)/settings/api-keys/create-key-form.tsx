'use client';

import { useTranslations } from 'next-intl';
import { Alert, Button, Field, Input } from '@/app/components/ui';
import { useKeptForm } from '@/app/components/use-kept-form';
import { type CreateKeyState, createApiKeyAction } from './actions';

export function CreateKeyForm() {
  const t = useTranslations('apiKeys');
  const { state, pending, errorOf, form } = useKeptForm<CreateKeyState>(
    createApiKeyAction,
    {},
    { resetOnSuccess: true },
  );
  return (
    <div className="space-y-3">
      <form {...form} className="flex items-end gap-3">
        <div className="flex-1">
          <Field label={t('name')} error={errorOf('name')} hint={t('nameHint')}>
            <Input name="name" required maxLength={100} />
          </Field>
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? t('creating') : t('create')}
        </Button>
      </form>
      {state.error ? <Alert kind="error">{state.error}</Alert> : null}
      {state.key ? (
        <Alert kind="success">
          <p>
            {t.rich('createdNotice', {
              name: state.name ?? '',
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
          <code
            data-testid="new-api-key"
            className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-slate-900"
          >
            {state.key}
          </code>
        </Alert>
      ) : null}
    </div>
  );
}
