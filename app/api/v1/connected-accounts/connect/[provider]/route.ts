// Starts connecting a Google or Microsoft account (a browser flow, signed in as an owner or
// admin): redirects to the provider. `purpose`: send (default), receive or both; `account`: the
// connected account to reconnect (asked for what it is used for; `senderId` still names one by
// its sender account).
import { notFound } from '@/lib/api/errors';
import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute, readQuery } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { connectQuery } from '@/lib/oauth/connect.schema';
import { isOAuthProviderId } from '@/lib/oauth/oauth-providers';
import { startConnect } from '@/lib/oauth/start-connect';

export const GET = orgRoute<{ provider: string }>(
  async (req, ctx, { provider }) => {
    if (!isOAuthProviderId(provider)) throw notFound('Provider');
    const q = readQuery(req, connectQuery);
    const purposes = q.purpose === 'both' ? (['send', 'receive'] as const) : ([q.purpose] as const);
    const { url } = await startConnect(getDb(), ctx, {
      provider,
      purposes: [...purposes],
      senderId: q.senderId,
      accountId: q.account,
    });
    return new Response(null, { status: 302, headers: { location: url, 'cache-control': 'no-store' } });
  },
  { minRole: 'admin' },
);

// Every other method: 405 with the error shape.
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
