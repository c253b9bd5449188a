'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { AddressInput } from '@/app/components/address-input';
import { AttachmentsField, useChosenFiles } from '@/app/components/attachments-field';
import { ComposedPreview } from '@/app/components/composed-preview';
import { RichTextEditor } from '@/app/components/rich-text-editor';
import { Alert, Button, Field, FieldGroup, Input, Select } from '@/app/components/ui';
import { useKeptForm } from '@/app/components/use-kept-form';
import { previewComposedAction, suggestAddressesAction } from '../../compose-actions';
import { type ComposeState, composeAction } from '../actions';

type SenderOption = { id: string; label: string; isDefault: boolean };

export function ComposeForm({
  senders,
  timeZone,
  me,
  maxAttachmentBytes,
}: {
  senders: SenderOption[];
  timeZone: string;
  /** The signed-in member's address: where "Send a test to me" goes. */
  me: string;
  maxAttachmentBytes: number;
}) {
  const t = useTranslations('compose');
  const { state, pending, errorOf: fieldError, form } = useKeptForm<ComposeState>(composeAction, {});
  const chosen = useChosenFiles(maxAttachmentBytes);
  // A wall-clock time in the organisation's zone; the server reads it in that zone.
  const [sendAt, setSendAt] = useState('');
  const [html, setHtml] = useState('');
  const [previewing, setPreviewing] = useState(false);
  const [edits, setEdits] = useState(0);
  const [intent, setIntent] = useState<'send' | 'test'>('send');
  const bodyError = fieldError('text') ?? fieldError('html');
  const address = (name: 'to' | 'cc' | 'bcc') => ({
    name,
    label: t(name),
    suggest: suggestAddressesAction,
  });
  return (
    <form
      {...form}
      {...chosen.dropTarget}
      onInput={() => setEdits((n) => n + 1)}
      className={`space-y-4 ${chosen.dragging ? 'rounded-md outline-2 outline-offset-4 outline-indigo-400 outline-dashed' : ''}`}
      encType="multipart/form-data"
      data-testid="compose-form"
    >
      {state.error ? <Alert kind="error">{state.error}</Alert> : null}
      {state.notice ? (
        // Said in the form rather than as a toast: it links to the test message it names.
        <div data-testid="test-notice">
          <Alert kind="success">
            {state.notice}{' '}
            {state.testId ? (
              <Link className="underline" href={`/outbox/${state.testId}`}>
                {t('testOpen')}
              </Link>
            ) : null}
          </Alert>
        </div>
      ) : null}
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
        <AddressInput {...address('to')} />
      </Field>
      <div className="grid gap-4 md:grid-cols-3">
        <Field label={t('cc')} error={fieldError('cc')}>
          <AddressInput {...address('cc')} />
        </Field>
        <Field label={t('bcc')} error={fieldError('bcc')}>
          <AddressInput {...address('bcc')} />
        </Field>
        <Field label={t('replyTo')} error={fieldError('replyTo')}>
          <Input name="replyTo" type="email" />
        </Field>
      </div>
      <Field label={t('subject')} error={fieldError('subject')}>
        <Input name="subject" maxLength={998} />
      </Field>
      <FieldGroup id="message" label={t('message')} error={bodyError} hint={t('messageHint')}>
        <RichTextEditor
          id="message"
          name="html"
          textName="text"
          onChange={setHtml}
          aria-invalid={bodyError ? true : undefined}
          aria-describedby={bodyError ? 'message-error' : undefined}
        />
      </FieldGroup>
      <div className="grid gap-4 md:grid-cols-2">
        <AttachmentsField
          name="attachments"
          chosen={chosen}
          error={fieldError('attachments')}
          hint={t('attachmentsHint')}
        />
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
      {previewing ? (
        <ComposedPreview
          form={form.ref}
          html={html}
          version={edits}
          render={previewComposedAction}
          from={(id) => senders.find((s) => s.id === id)?.label ?? ''}
        />
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={pending} onClick={() => setIntent('send')}>
          {pending && intent === 'send' ? t('queuing') : sendAt ? t('schedule') : t('send')}
        </Button>
        <Button
          type="submit"
          name="intent"
          value="test"
          variant="secondary"
          disabled={pending}
          onClick={() => setIntent('test')}
          aria-describedby="test-hint"
        >
          {pending && intent === 'test' ? t('testSending') : t('test')}
        </Button>
        <Button
          type="button"
          variant="secondary"
          aria-expanded={previewing}
          onClick={() => setPreviewing((p) => !p)}
        >
          {previewing ? t('previewHide') : t('previewShow')}
        </Button>
        <span id="test-hint" className="text-xs text-slate-500 [overflow-wrap:anywhere]">
          {t('testHint', { me })}
        </span>
      </div>
    </form>
  );
}
