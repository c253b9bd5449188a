'use client';

import { useTranslations } from 'next-intl';
import { Alert, Button, Field, Input, Select } from '@/app/components/ui';
import { useKeptForm } from '@/app/components/use-kept-form';
import { type InviteState, inviteAction } from './actions';

export function InviteForm({ canInviteOwner }: { canInviteOwner: boolean }) {
  const t = useTranslations('members');
  const { state, pending, errorOf, form } = useKeptForm<InviteState>(
    inviteAction,
    {},
    { resetOnSuccess: true },
  );
  return (
    <form {...form} className="grid gap-3 md:grid-cols-[1fr_10rem_auto] md:items-end">
      <Field label={t('email')} error={errorOf('email')}>
        <Input type="email" name="email" required placeholder={t('emailPlaceholder')} />
      </Field>
      <Field label={t('role')} error={errorOf('role')}>
        <Select name="role" defaultValue="member">
          <option value="member">{t('roleMember')}</option>
          <option value="admin">{t('roleAdmin')}</option>
          {canInviteOwner ? <option value="owner">{t('roleOwner')}</option> : null}
        </Select>
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? t('inviting') : t('invite')}
      </Button>
      <div className="md:col-span-3">{state.error ? <Alert kind="error">{state.error}</Alert> : null}</div>
    </form>
  );
}
