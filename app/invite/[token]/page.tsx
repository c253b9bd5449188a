import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/app/components/ui';
import { currentUser } from '@/lib/auth/session-org';
import { getDb } from '@/lib/db/client';
import { findInvitationByToken } from '@/lib/orgs/find-invitation';
import { AcceptInvitation } from './accept-button';

export async function generateMetadata() {
  return { title: (await getTranslations('invite'))('metaTitle') };
}
export const dynamic = 'force-dynamic';

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await findInvitationByToken(getDb(), token);
  const t = await getTranslations('invite');
  const tRole = await getTranslations('roles');
  if (!invitation) {
    return (
      <div className="mx-auto mt-24 max-w-md">
        <Card>
          <h1 className="text-xl font-semibold">{t('invalidTitle')}</h1>
          <p className="mt-2 text-sm text-slate-600">{t('invalidBody')}</p>
        </Card>
      </div>
    );
  }
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`);
  return (
    <div className="mx-auto mt-24 max-w-md">
      <Card className="space-y-4">
        <h1 className="text-xl font-semibold">{t('title', { org: invitation.orgName })}</h1>
        <p className="text-sm text-slate-600">
          {t.rich('body', {
            role: tRole(invitation.role),
            email: invitation.email,
            me: user.email,
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
        </p>
        <AcceptInvitation token={token} />
      </Card>
    </div>
  );
}
