import type { NextRequest } from 'next/server';
import { errorResponse } from '@/lib/api/respond';
import { handlers } from '@/lib/auth/config';
import { onRequestedOrigin } from '@/lib/auth/on-requested-origin';
import { getDb } from '@/lib/db/client';
import { clientAddressOf } from '@/lib/net/client-address';
import { limitSignInEmail } from '@/lib/rate-limit/limit-sign-in-email';

export const GET = (req: NextRequest) => handlers.GET(onRequestedOrigin(req));

/** Auth.js's own sign-in endpoint sends emails too: the same limits as the sign-in form. */
export async function POST(req: Request) {
  if (new URL(req.url).pathname.endsWith('/signin/email')) {
    const email = await emailOf(req.clone());
    if (typeof email === 'string' && email.trim()) {
      try {
        await limitSignInEmail(getDb(), { email, clientAddress: clientAddressOf(req.headers) });
      } catch (error) {
        return errorResponse(error, { path: '/api/auth/signin/email' });
      }
    }
  }
  return handlers.POST(onRequestedOrigin(req as NextRequest));
}

/** The email field of the body, read the ways Auth.js reads it (form or JSON). */
async function emailOf(req: Request): Promise<unknown> {
  try {
    if (req.headers.get('content-type')?.includes('application/json')) {
      const body: unknown = await req.json();
      return typeof body === 'object' && body !== null ? (body as { email?: unknown }).email : undefined;
    }
    return (await req.formData()).get('email');
  } catch {
    return undefined;
  }
}
