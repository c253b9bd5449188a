// The sign-in link e-mail, in the recipient's language.
import { getTranslator } from '../i18n/get-translator';
import type { Locale } from '../i18n/locales';
import { escapeHtml } from '../mail/escape-html';
import type { SystemMail } from '../mail/send-system-mail';
import { MAGIC_LINK_MINUTES } from './auth-secret';

export function signInMail(locale: Locale, to: string, url: string): SystemMail {
  const t = getTranslator(locale);
  const minutes = MAGIC_LINK_MINUTES;
  return {
    to,
    subject: t('emails.signIn.subject'),
    text: t('emails.signIn.text', { url, minutes }),
    html: `<p>${escapeHtml(t('emails.signIn.intro'))}</p><p><a href="${escapeHtml(url)}">${escapeHtml(t('emails.signIn.button'))}</a></p><p>${escapeHtml(t('emails.signIn.validity', { minutes }))}</p>`,
  };
}
