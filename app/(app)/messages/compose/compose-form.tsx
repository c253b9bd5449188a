'use client';

// Compose a message to contacts and groups. While it is written, the page asks the server who
// would get what (emails, SMS, skipped and why, unknown variables) — the same count the worker
// makes at the due time, except that groups may still change until then — and what each SMS will
// weigh with the STOP mention a group message gets, against the chosen SMS account's limit.
import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useState, useTransition } from 'react';
import { Alert, Button, Field, Input, inputClass, Select } from '@/app/components/ui';
import type { BroadcastPreview } from '@/lib/broadcasts/broadcast.schema';
import type { BroadcastChannel } from '@/lib/db/schema/broadcasts';
import { type FormState, previewBroadcastAction, saveBroadcastAction } from '../actions';

type Option = { id: string; label: string };
export type ComposeInitial = {
  id?: string;
  channels: BroadcastChannel[];
  contactIds: string[];
  groupIds: string[];
  subject: string;
  content: string;
  senderId: string | null;
  smsAccountId: string | null;
  scheduledAt: string;
};

export function BroadcastComposeForm({
  initial,
  contacts,
  groups,
  senders,
  smsAccounts,
  templates,
  timeZone,
  variables,
}: {
  initial: ComposeInitial;
  contacts: Option[];
  groups: (Option & { members: number })[];
  senders: Option[];
  smsAccounts: Option[];
  templates: { id: string; name: string; subject: string; content: string }[];
  timeZone: string;
  variables: string[];
}) {
  const t = useTranslations('broadcasts');
  const [state, action, pending] = useActionState<FormState, FormData>(saveBroadcastAction, {});
  const [channels, setChannels] = useState<BroadcastChannel[]>(initial.channels);
  const [contactIds, setContactIds] = useState<string[]>(initial.contactIds);
  const [groupIds, setGroupIds] = useState<string[]>(initial.groupIds);
  const [subject, setSubject] = useState(initial.subject);
  const [content, setContent] = useState(initial.content);
  const [smsAccountId, setSmsAccountId] = useState(initial.smsAccountId ?? '');
  const [scheduledAt, setScheduledAt] = useState(initial.scheduledAt);
  const [preview, setPreview] = useState<BroadcastPreview | null>(null);
  const [, startPreview] = useTransition();

  useEffect(() => {
    const timer = setTimeout(() => {
      startPreview(async () => {
        setPreview(
          await previewBroadcastAction({
            channels,
            contactIds,
            groupIds,
            subject,
            content,
            smsAccountId: smsAccountId || null,
          }),
        );
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [channels, contactIds, groupIds, subject, content, smsAccountId]);
  const smsLength = channels.includes('sms') ? preview?.smsLength : null;

  const hint = (path: string) =>
    state.details
      ?.filter((d) => d.path === path || d.path.startsWith(`${path}.`))
      .map((d) => d.message)
      .join('; ');
  const toggle = (list: string[], id: string, on: boolean) =>
    on ? [...list, id] : list.filter((x) => x !== id);

  return (
    <form action={action} className="space-y-4" data-testid="broadcast-form">
      {state.error ? <Alert kind="error">{state.error}</Alert> : null}
      {initial.id ? <input type="hidden" name="id" value={initial.id} /> : null}
      <fieldset className="flex gap-6">
        <legend className="mb-1 text-sm font-medium">{t('channels')}</legend>
        {(['email', 'sms'] as const).map((c) => (
          <label key={c} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="channels"
              value={c}
              checked={channels.includes(c)}
              onChange={(e) => setChannels(toggle(channels, c, e.target.checked) as BroadcastChannel[])}
            />
            {t(c === 'email' ? 'channelEmail' : 'channelSms')}
          </label>
        ))}
      </fieldset>
      <div className="grid gap-4 md:grid-cols-2">
        <Field label={t('groups')} hint={hint('groupIds')}>
          <div className="max-h-48 space-y-1 overflow-auto rounded border border-slate-200 p-2">
            {groups.length === 0 ? <p className="text-sm text-slate-500">{t('noGroups')}</p> : null}
            {groups.map((g) => (
              <label key={g.id} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="groupIds"
                  value={g.id}
                  checked={groupIds.includes(g.id)}
                  onChange={(e) => setGroupIds(toggle(groupIds, g.id, e.target.checked))}
                />
                {t('groupOption', { name: g.label, members: g.members })}
              </label>
            ))}
          </div>
        </Field>
        <Field label={t('contacts')} hint={hint('contactIds') || t('contactsHint')}>
          <select
            multiple
            name="contactIds"
            value={contactIds}
            onChange={(e) => setContactIds([...e.target.selectedOptions].map((o) => o.value))}
            className={`${inputClass} h-48`}
            aria-label={t('contacts')}
          >
            {contacts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div
        className="rounded border border-slate-200 bg-slate-50 p-3 text-sm"
        data-testid="recipient-counts"
        aria-live="polite"
      >
        {preview ? (
          <>
            <p>{t('counts', { contacts: preview.contacts, email: preview.email, sms: preview.sms })}</p>
            {preview.skipped.optedOut + preview.skipped.noAddress + preview.skipped.missingValue > 0 ? (
              <p className="text-slate-600">
                {t('skippedCounts', {
                  optedOut: preview.skipped.optedOut,
                  noAddress: preview.skipped.noAddress,
                  missingValue: preview.skipped.missingValue,
                })}
              </p>
            ) : null}
            {preview.skipped.suppressed > 0 ? (
              <p className="text-slate-600">{t('suppressedCount', { count: preview.skipped.suppressed })}</p>
            ) : null}
            {preview.unknownVariables.length ? (
              <p className="text-red-700">
                {t('unknownVariables', { names: preview.unknownVariables.map((v) => `{${v}}`).join(', ') })}
              </p>
            ) : null}
          </>
        ) : (
          <p className="text-slate-500">{t('countsNone')}</p>
        )}
      </div>
      {templates.length ? (
        <Field label={t('template')}>
          <Select
            defaultValue=""
            onChange={(e) => {
              const tpl = templates.find((x) => x.id === e.target.value);
              if (tpl) {
                setSubject(tpl.subject);
                setContent(tpl.content);
              }
            }}
          >
            <option value="">{t('templateNone')}</option>
            {templates.map((tpl) => (
              <option key={tpl.id} value={tpl.id}>
                {tpl.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {channels.includes('email') ? (
        <div className="grid gap-4 md:grid-cols-2">
          <Field label={t('sender')}>
            <Select name="senderId" defaultValue={initial.senderId ?? ''}>
              <option value="">{t('senderDefault')}</option>
              {senders.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('subject')} hint={hint('subject')}>
            <Input
              name="subject"
              value={subject}
              onChange={(e) => setSubject(e.target.value)}
              maxLength={998}
            />
          </Field>
        </div>
      ) : null}
      {channels.includes('sms') ? (
        <Field label={t('smsAccount')} hint={hint('smsAccountId')}>
          <Select name="smsAccountId" value={smsAccountId} onChange={(e) => setSmsAccountId(e.target.value)}>
            <option value="">{t('smsAccountDefault')}</option>
            {smsAccounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <Field
        label={t('content')}
        hint={hint('content') || t('contentHint', { names: variables.map((v) => `{${v}}`).join(' ') })}
      >
        <textarea
          name="content"
          rows={8}
          className={inputClass}
          value={content}
          onChange={(e) => setContent(e.target.value)}
        />
      </Field>
      {smsLength ? (
        <div className="text-sm text-slate-600" data-testid="sms-length" aria-live="polite">
          <p>
            {t('smsLength', {
              characters: smsLength.characters,
              segments: smsLength.segments,
              encoding: smsLength.encoding,
            })}
          </p>
          {smsLength.stopMention ? <p>{t('smsLengthMention', { mention: smsLength.stopMention })}</p> : null}
          {smsLength.segments > smsLength.maxSegments ? (
            <p className="text-red-700">{t('smsOverLimit', { max: smsLength.maxSegments })}</p>
          ) : null}
        </div>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        <Field
          label={t('scheduledAt')}
          hint={hint('scheduledAt') || t('scheduledAtHint', { zone: timeZone })}
        >
          <Input
            type="datetime-local"
            name="scheduledAt"
            value={scheduledAt}
            onChange={(e) => setScheduledAt(e.target.value)}
            data-testid="scheduled-at"
          />
        </Field>
        <Field label={t('saveAsTemplate')} hint={hint('templateName')}>
          <Input name="templateName" placeholder={t('templateNamePlaceholder')} />
        </Field>
      </div>
      <div className="flex gap-3">
        <Button type="submit" name="intent" value="send" disabled={pending}>
          {scheduledAt ? t('schedule') : t('sendNow')}
        </Button>
        <Button type="submit" name="intent" value="draft" variant="secondary" disabled={pending}>
          {t('saveDraft')}
        </Button>
      </div>
    </form>
  );
}
