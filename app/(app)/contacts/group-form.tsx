'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Alert, Button, Field, Input } from '@/app/components/ui';
import type { GroupView } from '@/lib/contacts/contacts.schema';
import { type FormState, saveGroupAction } from './actions';

export function GroupForm({ group }: { group?: GroupView }) {
  const t = useTranslations('contactGroups');
  const [state, action, pending] = useActionState<FormState, FormData>(saveGroupAction, {});
  const hint = (path: string) => state.details?.find((d) => d.path === path)?.message;
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" data-testid="group-form">
      {state.error ? <Alert kind="error">{state.error}</Alert> : null}
      {group ? <input type="hidden" name="id" value={group.id} /> : null}
      <Field label={t('name')} hint={hint('name')}>
        <Input name="name" required defaultValue={group?.name} />
      </Field>
      <div className="min-w-64 flex-1">
        <Field label={t('descriptionField')} hint={hint('description')}>
          <Input name="description" defaultValue={group?.description} />
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {group ? t('save') : t('create')}
      </Button>
    </form>
  );
}
