// Field errors travel as English predicates ("is not a valid email address", the REST API's
// `details[].message`); pages translate the ones they know through the `fieldErrors` catalogue
// namespace. A message not listed here is shown as it is.
import type { Messages } from './catalogues';

type Key = keyof Messages['fieldErrors'];
type Known = { key: Key; values?: Record<string, number> };

const exact: Record<string, Key> = {
  'is required': 'required',
  'is required without a preset': 'requiredWithoutPreset',
  'is required (or choose a preset)': 'requiredOrPreset',
  'is required: the organisation has no default sender account': 'requiredNoDefaultSender',
  'is empty': 'empty',
  'is not a valid email address': 'email',
  'must be a whole number': 'wholeNumber',
  'must not contain line breaks': 'oneLine',
  'must be one line': 'oneLine',
  'is in the past': 'inPast',
  'is more than a year away': 'tooFar',
  'must be after sendAt': 'afterSendAt',
  'is YYYY-MM': 'period',
  'is not a host name or IP address': 'host',
  'is not a host name': 'host',
  'is not a time zone like Europe/Paris': 'timeZone',
  'is not a country code like FR': 'country',
  'is lowercase letters, digits and dashes': 'slug',
  'is not a sender account of this organisation': 'notOwnSender',
  'is not a valid header name': 'headerName',
  'is not a MIME type like application/pdf': 'mimeType',
  'has no file': 'noFile',
  'must be a sender name (at most 11 letters and digits) for Brevo': 'smsBrevoSenderName',
  'is neither a phone number in E.164 form (+33612345678) nor a sender name of at most 11 letters and digits':
    'smsSender',
  'is not a phone number in E.164 form (like +33612345678)': 'smsE164',
  'is required for a Twilio account': 'requiredTwilio',
  'is required for a Brevo account': 'requiredBrevo',
  'is not a Twilio Account SID (AC followed by 32 hexadecimal digits)': 'twilioAccountSid',
  'is not a Twilio Messaging Service SID (MG followed by 32 hexadecimal digits)': 'twilioMessagingService',
  'is required: the organisation has no default SMS account': 'requiredNoDefaultSmsAccount',
  'is not an SMS account of this organisation': 'notOwnSmsAccount',
  'is an email sender account, not an SMS account': 'notSmsAccount',
  'cannot send: the SMS account has no provider secret (set it on its page)': 'smsAccountNoSecret',
};

const number = (s: string) => Number(s.replace(/,/g, ''));

export function fieldProblemKey(message: string): Known | undefined {
  const key = exact[message];
  if (key) return { key };
  let m = /^is at most ([\d,]+) characters$/.exec(message);
  if (m) return { key: 'maxChars', values: { max: number(m[1]!) } };
  m = /^(?:has|is) at most ([\d,]+) \w+$/.exec(message);
  if (m) return { key: 'maxItems', values: { max: number(m[1]!) } };
  m = /^is at most ([\d,]+)$/.exec(message);
  if (m) return { key: 'maxNumber', values: { max: number(m[1]!) } };
  m = /^is at least ([\d,]+)$/.exec(message);
  if (m) return { key: 'minNumber', values: { min: number(m[1]!) } };
  // zod's own wording when a schema gives none ("Invalid input: …", "Too big: …").
  if (/^(Invalid|Too big|Too small)\b/.test(message)) return { key: 'invalid' };
  return undefined;
}
