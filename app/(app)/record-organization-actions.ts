'use server';

// A link to a record of another of the user's organisations (a colleague's /outbox/<id> while the
// user works in their own): the 404 page finds which one holds it and offers to switch there. Only
// the user's own organisations are searched, so nothing of an organisation they are not a member
// of is ever revealed — not even that the record exists.
import { redirect } from 'next/navigation';
import { AppError } from '@/lib/api/errors';
import type { OrgContext } from '@/lib/auth/org-context';
import { orgContextFor, rememberOrganization, requireSessionOrg } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { matchRecordRoute } from '../record-routes';
import { toast } from '../toast';

export type RecordOrganization = { orgId: string; name: string };

async function holds(path: string, ctx: OrgContext): Promise<boolean> {
  const route = matchRecordRoute(path);
  if (!route) return false;
  try {
    await route.load(getDb(), ctx, route.id);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return false;
    throw error;
  }
}

/** The user's other organisation holding the record at `path`, or null. */
export async function findRecordOrganizationAction(path: string): Promise<RecordOrganization | null> {
  const { user, org, orgs } = await requireSessionOrg();
  if (typeof path !== 'string' || !matchRecordRoute(path)) return null;
  for (const other of orgs) {
    if (other.id === org.id) continue;
    if (await holds(path, orgContextFor(other, user))) return { orgId: other.id, name: other.name };
  }
  return null;
}

/** Switch to that organisation and land on the same link. */
export async function switchToRecordAction(form: FormData) {
  const { user, orgs } = await requireSessionOrg();
  const path = String(form.get('path') ?? '');
  const target = orgs.find((o) => o.id === String(form.get('orgId') ?? ''));
  // Only to a record page of one of the user's organisations that holds it: never elsewhere.
  if (!target || !(await holds(path, orgContextFor(target, user)))) redirect('/dashboard');
  await rememberOrganization(target.id);
  await toast('orgSwitched', { name: target.name });
  redirect(path);
}
