'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert, Button, Field, Input, Select } from '@/app/components/ui';
import { useKeptForm } from '@/app/components/use-kept-form';
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
  // A refused form keeps what was typed (secrets included), the problem under its field.
  const { state, pending, errorOf, form } = useKeptForm<FormState>(saveSmsAccountAction, {});
  const [provider, setProvider] = useState<SmsProvider>(account?.provider ?? 'twilio');
  return (
    <form {...form} className="space-y-4">
      {state.error ? <Alert kind="error">{state.error}</Alert> : null}
      {account ? (
        <>
          <input type="hidden" name="id" value={account.id} />
          <input type="hidden" name="currentProvider" value={account.provider} />
        </>
      ) : null}
      <div className="grid gap-4 md:grid-cols-3">
        <Field label={t('name')} error={errorOf('name')}>
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
          error={errorOf('from')}
          hint={provider === 'brevo' ? t('fromHintBrevo') : t('fromHint')}
        >
          <Input name="from" required defaultValue={account?.from} maxLength={16} />
        </Field>
      </div>
      {provider === 'twilio' ? (
        <div className="grid gap-4 md:grid-cols-3">
          <Field label={t('accountSid')} error={errorOf('accountSid')}>
            <Input
              name="accountSid"
              autoComplete="off"
              defaultValue={account?.accountSid ?? ''}
              placeholder={t('accountSidPlaceholder')}
            />
          </Field>
          <Field
            label={t('authToken')}
            error={errorOf('authToken')}
            hint={account?.hasSecret ? t('secretKept') : undefined}
          >
            <Input name="authToken" type="password" autoComplete="new-password" />
          </Field>
          <Field
            label={t('messagingServiceSid')}
            error={errorOf('messagingServiceSid')}
            hint={t('messagingServiceHint')}
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
          <Field
            label={t('apiKey')}
            error={errorOf('apiKey')}
            hint={account?.hasSecret ? t('secretKept') : undefined}
          >
            <Input name="apiKey" type="password" autoComplete="new-password" />
          </Field>
        </div>
      ) : null}
      <div className="grid gap-4 md:grid-cols-4">
        <Field label={t('rateMinute')} error={errorOf('ratePerMinute')} hint={t('rateHint')}>
          <Input name="ratePerMinute" type="number" min={1} defaultValue={account?.ratePerMinute ?? ''} />
        </Field>
        <Field label={t('rateDay')} error={errorOf('ratePerDay')} hint={t('rateHint')}>
          <Input name="ratePerDay" type="number" min={1} defaultValue={account?.ratePerDay ?? ''} />
        </Field>
        <Field label={t('maxSegments')} error={errorOf('maxSegments')} hint={t('maxSegmentsHint')}>
          <Input name="maxSegments" type="number" min={1} max={10} defaultValue={account?.maxSegments ?? 6} />
        </Field>
        <Field label={t('concurrency')} error={errorOf('maxConnections')}>
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
