'use client';

import { useTranslations } from 'next-intl';
import { Alert, Button, Field, Input, Select } from '@/app/components/ui';
import { useKeptForm } from '@/app/components/use-kept-form';
import type { ContactView, GroupView } from '@/lib/contacts/contacts.schema';
import { localeNames, locales } from '@/lib/i18n/locales';
import { type FormState, saveContactAction } from './actions';

export function ContactForm({ contact, groups }: { contact?: ContactView; groups: GroupView[] }) {
  const t = useTranslations('contacts');
  const { state, pending, errorOf, form } = useKeptForm<FormState>(saveContactAction, {});
  const member = new Set(contact?.groups.map((g) => g.id));
  return (
    <form {...form} className="space-y-4" data-testid="contact-form">
      {state.error ? <Alert kind="error">{state.error}</Alert> : null}
      {contact ? <input type="hidden" name="id" value={contact.id} /> : null}
      <div className="grid gap-4 md:grid-cols-2">
        <Field label={t('firstName')} error={errorOf('firstName')}>
          <Input name="firstName" defaultValue={contact?.firstName} />
        </Field>
        <Field label={t('lastName')} error={errorOf('lastName')}>
          <Input name="lastName" defaultValue={contact?.lastName} />
        </Field>
        <Field label={t('email')} error={errorOf('email')}>
          <Input name="email" type="email" defaultValue={contact?.email ?? ''} />
        </Field>
        <Field label={t('phone')} error={errorOf('phone')} hint={t('phoneHint')}>
          <Input name="phone" type="tel" defaultValue={contact?.phone ?? ''} />
        </Field>
        <Field label={t('language')} error={errorOf('language')}>
          <Select name="language" defaultValue={contact?.language ?? ''}>
            <option value="">{t('languageOrg')}</option>
            {locales.map((l) => (
              <option key={l} value={l}>
                {localeNames[l]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {(['email', 'sms'] as const).map((channel) => {
        const current = contact?.[`${channel}OptOut`];
        return (
          <fieldset key={channel} className="flex flex-wrap items-end gap-3">
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name={`${channel}OptOut`} defaultChecked={Boolean(current)} />
              {channel === 'email' ? t('emailOptOut') : t('smsOptOut')}
            </label>
            {current ? (
              <input type="hidden" name={`${channel}OptOutAt`} value={current.at.toISOString()} />
            ) : null}
            <div className="w-full flex-1 sm:w-auto sm:min-w-64">
              <Field label={t('optOutReason')}>
                <Input name={`${channel}OptOutReason`} defaultValue={current?.reason ?? ''} />
              </Field>
            </div>
          </fieldset>
        );
      })}
      <Field label={t('customFields')} error={errorOf('customFields')} hint={t('customFieldsHint')}>
        <textarea
          name="customFields"
          rows={3}
          className="w-full rounded border border-slate-300 px-3 py-2 font-mono text-sm"
          defaultValue={Object.entries(contact?.customFields ?? {})
            .map(([k, v]) => `${k} = ${v}`)
            .join('\n')}
        />
      </Field>
      {groups.length ? (
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-700">{t('groups')}</legend>
          <div className="flex flex-wrap gap-4">
            {groups.map((g) => (
              <label key={g.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="groupIds" value={g.id} defaultChecked={member.has(g.id)} />
                {g.name}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? t('saving') : t('save')}
      </Button>
    </form>
  );
}
