'use client';

import { useTranslations } from 'next-intl';
import { Alert, Button, Field, Input } from '@/app/components/ui';
import { useKeptForm } from '@/app/components/use-kept-form';
import type { GroupView } from '@/lib/contacts/contacts.schema';
import { type FormState, saveGroupAction } from './actions';

export function GroupForm({ group }: { group?: GroupView }) {
  const t = useTranslations('contactGroups');
  const { state, pending, errorOf, form } = useKeptForm<FormState>(saveGroupAction, {});
  return (
    <form {...form} className="flex flex-wrap items-end gap-3" data-testid="group-form">
      {state.error ? <Alert kind="error">{state.error}</Alert> : null}
      {group ? <input type="hidden" name="id" value={group.id} /> : null}
      <Field label={t('name')} error={errorOf('name')}>
        <Input name="name" required defaultValue={group?.name} />
      </Field>
      <div className="w-full flex-1 sm:w-auto sm:min-w-64">
        <Field label={t('descriptionField')} error={errorOf('description')}>
          <Input name="description" defaultValue={group?.description} />
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {group ? t('save') : t('create')}
      </Button>
    </form>
  );
}
