// Twilio's incoming-message webhook for an SMS account's number: STOP / START replies. Answers an
// empty TwiML document (no reply: Twilio's own opt-out handling, when on, answers the sender).
import { otherMethods } from '@/lib/api/method-not-allowed';
import { publicRouteWith } from '@/lib/api/route';
import { getDb } from '@/lib/db/client';
import { handleTwilioWebhook } from '@/lib/sms/handle-twilio-webhook';
import { readTwilioForm } from '../../read-form';

export const POST = publicRouteWith<{ token: string }>(async (req, { token }) => {
  const params = await readTwilioForm(req);
  await handleTwilioWebhook(getDb(), {
    which: 'inbound',
    token,
    signature: req.headers.get('x-twilio-signature'),
    params,
  });
  return new Response('<?xml version="1.0" encoding="UTF-8"?><Response></Response>', {
    status: 200,
    headers: { 'content-type': 'text/xml; charset=utf-8' },
  });
});

// Every other method: 405 with the error shape.
export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
