'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ConfirmButton } from '@/app/components/confirm-button';
import { Alert, Button, Select } from '@/app/components/ui';
import type { Role } from '@/lib/db/schema/orgs';
import { changeRoleAction, type MemberActionState, removeMemberAction } from './actions';

/** The role picker and the remove button of one member's row (shown only when allowed). */
export function MemberControls({
  userId,
  email,
  role,
  roles,
  canRemove,
  isSelf,
}: {
  userId: string;
  email: string;
  role: Role;
  /** The roles the viewer may give this member (empty: the role cannot be changed). */
  roles: Role[];
  canRemove: boolean;
  isSelf: boolean;
}) {
  const [changeState, change, changing] = useActionState<MemberActionState, FormData>(changeRoleAction, {});
  const [removeState, remove, removing] = useActionState<MemberActionState, FormData>(removeMemberAction, {});
  const error = changeState.error ?? removeState.error;
  const t = useTranslations('members');
  const tRole = useTranslations('roles');
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      {roles.length > 1 ? (
        <form action={change} className="flex items-center gap-2">
          <input type="hidden" name="userId" value={userId} />
          <Select name="role" defaultValue={role} aria-label={t('roleOf', { email })}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {tRole(r)}
              </option>
            ))}
          </Select>
          <Button type="submit" variant="secondary" disabled={changing}>
            {changing ? t('saving') : t('changeRole')}
          </Button>
        </form>
      ) : null}
      {canRemove ? (
        <form action={remove}>
          <input type="hidden" name="userId" value={userId} />
          <ConfirmButton
            type="submit"
            variant="danger"
            disabled={removing}
            question={isSelf ? t('confirmLeave') : t('confirmRemove', { email })}
          >
            {isSelf ? t('leave') : t('remove')}
          </ConfirmButton>
        </form>
      ) : null}
      {error ? (
        <div className="w-full">
          <Alert kind="error">{error}</Alert>
        </div>
      ) : null}
    </div>
  );
}
