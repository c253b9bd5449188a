'use client';

import { useActionState } from 'react';
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
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      {roles.length > 1 ? (
        <form action={change} className="flex items-center gap-2">
          <input type="hidden" name="userId" value={userId} />
          <Select name="role" defaultValue={role} aria-label={`Permissions of ${email}`}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </Select>
          <Button type="submit" variant="secondary" disabled={changing}>
            {changing ? 'Saving…' : 'Change role'}
          </Button>
        </form>
      ) : null}
      {canRemove ? (
        <form
          action={remove}
          onSubmit={(e) => {
            if (
              !window.confirm(isSelf ? 'Leave this organisation?' : `Remove ${email} from this organisation?`)
            )
              e.preventDefault();
          }}
        >
          <input type="hidden" name="userId" value={userId} />
          <Button type="submit" variant="danger" disabled={removing}>
            {isSelf ? 'Leave' : 'Remove'}
          </Button>
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
