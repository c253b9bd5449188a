'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Alert, Button, Card, Field, Input } from '@/app/components/ui';
import { type FormState, trackingAction } from './actions';

export function TrackingForm({
  perPersonTracking,
  smsStopMention,
}: {
  perPersonTracking: boolean;
  smsStopMention: string | null;
}) {
  const t = useTranslations('broadcasts');
  const [state, action, pending] = useActionState<FormState, FormData>(trackingAction, {});
  return (
    <Card>
      <form action={action} className="space-y-3">
        {state.error ? <Alert kind="error">{state.error}</Alert> : null}
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" name="perPersonTracking" defaultChecked={perPersonTracking} />
          {t('perPersonTracking')}
        </label>
        <p className="text-sm text-slate-600">{t('perPersonTrackingHint')}</p>
        <Field label={t('smsStopMention')} hint={t('smsStopMentionHint')}>
          <Input
            name="smsStopMention"
            defaultValue={smsStopMention ?? ''}
            maxLength={60}
            placeholder={t('smsStopMentionPlaceholder')}
          />
        </Field>
        <Button type="submit" variant="secondary" disabled={pending}>
          {t('saveSettings')}
        </Button>
      </form>
    </Card>
  );
}
