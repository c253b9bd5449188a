// Where the provider sends the browser back: completes the connection and returns to the Sender
// accounts page (the Mailboxes page for an account connected for receiving only), saying what
// happened. A refusal at the provider (`error=access_denied`) or a
// stale attempt is told on the page; anything else answers in the error shape.
import { AppError, notFound } from '@/lib/api/errors';
import { otherMethods } from '@/lib/api/method-not-allowed';
import { orgRoute, readQuery } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { completeConnect } from '@/lib/oauth/complete-connect';
import { callbackQuery } from '@/lib/oauth/connect.schema';
import { isOAuthProviderId } from '@/lib/oauth/oauth-providers';

function backToSenders(params: Record<string, string>, page = '/senders'): Response {
  const url = new URL(page, env().APP_URL);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return new Response(null, {
    status: 303,
    headers: { location: url.toString(), 'cache-control': 'no-store' },
  });
}

export const GET = orgRoute<{ provider: string }>(async (req, ctx, { provider }) => {
  if (!isOAuthProviderId(provider)) throw notFound('Provider');
  const q = readQuery(req, callbackQuery);
  if (q.error || !q.code || !q.state) {
    return backToSenders({
      connect_error: q.error_description ?? q.error ?? 'The provider sent no authorization code.',
    });
  }
  try {
    const account = await completeConnect(getDb(), ctx, { provider, state: q.state, code: q.code });
    return backToSenders({ connected: account.address }, account.senderId ? '/senders' : '/inbox/mailboxes');
  } catch (error) {
    if (error instanceof AppError && error.status < 500)
      return backToSenders({ connect_error: error.message });
    throw error;
  }
});

// Every other method: 405 with the error shape.
export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
