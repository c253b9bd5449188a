import { headers } from 'next/headers';
import Link from 'next/link';
import { Card } from '@/app/components/ui';
import { canReadSystemMailbox } from '@/lib/auth/system-mailbox-access';

export const metadata = { title: 'Check your email' };
export const dynamic = 'force-dynamic';

export default async function CheckEmailPage() {
  return (
    <div className="mx-auto mt-24 max-w-sm">
      <Card className="space-y-3 text-center">
        <h1 className="text-xl font-semibold">Check your email</h1>
        <p className="text-sm text-slate-600">A sign-in link is on its way. It is valid for 30 minutes.</p>
        {canReadSystemMailbox(await headers()) ? (
          <p className="text-sm">
            <Link href="/mailbox" className="text-indigo-700 underline">
              Open the preview mailbox
            </Link>{' '}
            to find it (no SMTP server is configured).
          </p>
        ) : null}
      </Card>
    </div>
  );
}
