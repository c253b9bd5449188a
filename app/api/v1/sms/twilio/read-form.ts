// Twilio posts its callbacks as application/x-www-form-urlencoded: read them, bounded, as the flat
// parameter map its signature covers.
import { badRequest, unsupportedMediaType } from '@/lib/api/errors';
import { readBodyBytes } from '@/lib/api/read-body';

const FORM_LIMIT = 64 * 1024;

export async function readTwilioForm(req: Request): Promise<Record<string, string>> {
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(req.headers.get('content-type') ?? ''))
    throw unsupportedMediaType('Twilio callbacks are application/x-www-form-urlencoded.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readBodyBytes(req, FORM_LIMIT));
  } catch (error) {
    if (error instanceof TypeError) throw badRequest('The form is not UTF-8.');
    throw error;
  }
  return Object.fromEntries(new URLSearchParams(text));
}
