import { getDb } from '@/lib/db/client';
import { inviteMember } from '@/lib/orgs/invite-member';
import { defineCommand, requireOption } from '../command';
import { cliOrgContext } from './org-context';

export const userInviteCommand = defineCommand({
  name: 'user:invite',
  summary: 'Invite someone to an organisation by email (sends the invitation email)',
  usage: 'user:invite --org <id|slug> --email bob@example.com [--role owner|admin|member]',
  options: { org: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' } },
  run: async (values) => {
    const ctx = await cliOrgContext(requireOption(values, 'org'));
    const { invitation, url } = await inviteMember(getDb(), ctx, {
      email: requireOption(values, 'email'),
      role: (values.role as 'owner' | 'admin' | 'member' | undefined) ?? 'member',
    });
    console.log(`Invited ${invitation.email} as ${invitation.role}. Invitation link (valid 7 days):\n${url}`);
    return 0;
  },
});
