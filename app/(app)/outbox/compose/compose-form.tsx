'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert, Button, Field, Input, inputClass, Select } from '@/app/components/ui';
import { useKeptForm } from '@/app/components/use-kept-form';
import { type ComposeState, composeAction } from '../actions';

type SenderOption = { id: string; label: string; isDefault: boolean };

export function ComposeForm({ senders, timeZone }: { senders: SenderOption[]; timeZone: string }) {
  const t = useTranslations('compose');
  const { state, pending, errorOf: fieldError, form } = useKeptForm<ComposeState>(composeAction, {});
  // A wall-clock time in the organisation's zone; the server reads it in that zone.
  const [sendAt, setSendAt] = useState('');
  return (
    <form {...form} className="space-y-4" encType="multipart/form-data">
      {state.error ? <Alert kind="error">{state.error}</Alert> : null}
      <Field label={t('from')} error={fieldError('senderId')}>
        <Select name="senderId" defaultValue={senders.find((s) => s.isDefault)?.id ?? senders[0]?.id}>
          {senders.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('to')} error={fieldError('to')} hint={t.raw('toHint')}>
        <Input name="to" required />
      </Field>
      <div className="grid gap-4 md:grid-cols-3">
        <Field label={t('cc')} error={fieldError('cc')}>
          <Input name="cc" />
        </Field>
        <Field label={t('bcc')} error={fieldError('bcc')}>
          <Input name="bcc" />
        </Field>
        <Field label={t('replyTo')} error={fieldError('replyTo')}>
          <Input name="replyTo" type="email" />
        </Field>
      </div>
      <Field label={t('subject')} error={fieldError('subject')}>
        <Input name="subject" maxLength={998} />
      </Field>
      <Field label={t('text')} error={fieldError('text')} hint={t('textHint')}>
        <textarea name="text" rows={8} className={inputClass} />
      </Field>
      <Field label={t('html')} error={fieldError('html')}>
        <textarea name="html" rows={6} className={`${inputClass} font-mono`} />
      </Field>
      <div className="grid gap-4 md:grid-cols-2">
        <Field label={t('attachments')} error={fieldError('attachments')} hint={t('attachmentsHint')}>
          <input type="file" name="attachments" multiple className="text-sm" />
        </Field>
        <Field label={t('sendAt')} error={fieldError('sendAt')} hint={t('sendAtHint', { zone: timeZone })}>
          <Input
            type="datetime-local"
            name="sendAt"
            value={sendAt}
            onChange={(e) => setSendAt(e.target.value)}
            data-testid="send-at"
          />
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t('queuing') : sendAt ? t('schedule') : t('send')}
      </Button>
    </form>
  );
}
