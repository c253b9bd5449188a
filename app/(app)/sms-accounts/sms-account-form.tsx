'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { Alert, Button, Field, Input, Select } from '@/app/components/ui';
import type { SmsAccountView, SmsProvider } from '@/lib/outbox/sms-account.schema';
import { type FormState, saveSmsAccountAction } from './actions';

export function SmsAccountForm({
  account,
  suggestDefault,
}: {
  account?: SmsAccountView;
  suggestDefault?: boolean;
}) {
  const t = useTranslations('smsAccounts');
  const [state, action, pending] = useActionState<FormState, FormData>(saveSmsAccountAction, {});
  const [provider, setProvider] = useState<SmsProvider>(account?.provider ?? 'twilio');
  const hint = (path: string, fallback?: string) =>
    state.details?.find((d) => d.path === path)?.message ?? fallback;
  return (
    <form action={action} className="space-y-4">
      {state.error ? <Alert kind="error">{state.error}</Alert> : null}
      {account ? (
        <>
          <input type="hidden" name="id" value={account.id} />
          <input type="hidden" name="currentProvider" value={account.provider} />
        </>
      ) : null}
      <div className="grid gap-4 md:grid-cols-3">
        <Field label={t('name')} hint={hint('name')}>
          <Input name="name" required defaultValue={account?.name} />
        </Field>
        {account ? null : (
          <Field label={t('provider')}>
            <Select
              name="provider"
              value={provider}
              onChange={(e) => setProvider(e.target.value as SmsProvider)}
            >
              <option value="twilio">{t('providerTwilio')}</option>
              <option value="brevo">{t('providerBrevo')}</option>
              <option value="preview">{t('providerPreview')}</option>
            </Select>
          </Field>
        )}
        <Field
          label={t('from')}
          hint={hint('from', provider === 'brevo' ? t('fromHintBrevo') : t('fromHint'))}
        >
          <Input name="from" required defaultValue={account?.from} maxLength={16} />
        </Field>
      </div>
      {provider === 'twilio' ? (
        <div className="grid gap-4 md:grid-cols-3">
          <Field label={t('accountSid')} hint={hint('accountSid')}>
            <Input
              name="accountSid"
              autoComplete="off"
              defaultValue={account?.accountSid ?? ''}
              placeholder={t('accountSidPlaceholder')}
            />
          </Field>
          <Field
            label={t('authToken')}
            hint={hint('authToken', account?.hasSecret ? t('secretKept') : undefined)}
          >
            <Input name="authToken" type="password" autoComplete="new-password" />
          </Field>
          <Field
            label={t('messagingServiceSid')}
            hint={hint('messagingServiceSid', t('messagingServiceHint'))}
          >
            <Input
              name="messagingServiceSid"
              autoComplete="off"
              defaultValue={account?.messagingServiceSid ?? ''}
              placeholder={t('messagingServicePlaceholder')}
            />
          </Field>
        </div>
      ) : null}
      {provider === 'brevo' ? (
        <div className="grid gap-4 md:grid-cols-3">
          <Field label={t('apiKey')} hint={hint('apiKey', account?.hasSecret ? t('secretKept') : undefined)}>
            <Input name="apiKey" type="password" autoComplete="new-password" />
          </Field>
        </div>
      ) : null}
      <div className="grid gap-4 md:grid-cols-4">
        <Field label={t('rateMinute')} hint={hint('ratePerMinute', t('rateHint'))}>
          <Input name="ratePerMinute" type="number" min={1} defaultValue={account?.ratePerMinute ?? ''} />
        </Field>
        <Field label={t('rateDay')} hint={hint('ratePerDay', t('rateHint'))}>
          <Input name="ratePerDay" type="number" min={1} defaultValue={account?.ratePerDay ?? ''} />
        </Field>
        <Field label={t('maxSegments')} hint={hint('maxSegments', t('maxSegmentsHint'))}>
          <Input name="maxSegments" type="number" min={1} max={10} defaultValue={account?.maxSegments ?? 6} />
        </Field>
        <Field label={t('concurrency')} hint={hint('maxConnections')}>
          <Input
            name="maxConnections"
            type="number"
            min={1}
            max={50}
            defaultValue={account?.maxConnections ?? 5}
          />
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="isDefault" defaultChecked={account?.isDefault ?? suggestDefault} />
        {t('defaultAccount')}
      </label>
      <Button type="submit" disabled={pending}>
        {pending ? t('saving') : account ? t('saveChanges') : t('add')}
      </Button>
    </form>
  );
}
