import type { OrgContext } from '@/lib/auth/org-context';
import { getDb } from '@/lib/db/client';
import { findOrganization } from '@/lib/orgs/create-organization';
import { UsageError } from '../command';

/** `--org <id|slug>` → an owner-level context for an operator at the command line. */
export async function cliOrgContext(idOrSlug: string): Promise<OrgContext> {
  const org = await findOrganization(getDb(), idOrSlug);
  if (!org) throw new UsageError(`no organisation with id or slug "${idOrSlug}"`);
  return { orgId: org.id, role: 'owner', actor: { kind: 'cli' } };
}
