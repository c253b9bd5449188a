// Twilio's status callback for an SMS account's messages (signature checked in lib/sms).
import { otherMethods } from '@/lib/api/method-not-allowed';
import { publicRouteWith } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { handleTwilioWebhook } from '@/lib/sms/handle-twilio-webhook';
import { readTwilioForm } from '../../read-form';

export const POST = publicRouteWith<{ token: string }>(async (req, { token }) => {
  const params = await readTwilioForm(req);
  await handleTwilioWebhook(getDb(), {
    which: 'status',
    token,
    signature: req.headers.get('x-twilio-signature'),
    params,
  });
  return new Response(null, { status: 204 });
});

// Every other method: 405 with the error shape.
export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
