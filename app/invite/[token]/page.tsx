import { redirect } from 'next/navigation';
import { Card } from '@/app/components/ui';
import { currentUser } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { findInvitationByToken } from '@/lib/orgs/find-invitation';
import { AcceptInvitation } from './accept-button';

export const metadata = { title: 'Invitation' };
export const dynamic = 'force-dynamic';

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await findInvitationByToken(getDb(), token);
  if (!invitation) {
    return (
      <div className="mx-auto mt-24 max-w-md">
        <Card>
          <h1 className="text-xl font-semibold">This invitation is no longer valid</h1>
          <p className="mt-2 text-sm text-slate-600">
            It has expired, was withdrawn, or was already accepted.
          </p>
        </Card>
      </div>
    );
  }
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`);
  return (
    <div className="mx-auto mt-24 max-w-md">
      <Card className="space-y-4">
        <h1 className="text-xl font-semibold">Join {invitation.orgName}</h1>
        <p className="text-sm text-slate-600">
          You are invited as <strong>{invitation.role}</strong> ({invitation.email}). You are signed in as{' '}
          {user.email}.
        </p>
        <AcceptInvitation token={token} />
      </Card>
    </div>
  );
}
