// next-auth (Auth.js v5): email magic links always; Google and Microsoft Entra ID when their
// client id and secret are configured. Sessions live in the database.
import NextAuth, { type NextAuthConfig } from 'next-auth';
import Google from 'next-auth/providers/google';
import MicrosoftEntraID from 'next-auth/providers/microsoft-entra-id';
import { deriveKey } from '../crypto/seal';
import { getDb } from '../db/client';
import { env } from '../env';
import { escapeHtml } from '../mail/escape-html';
import { sendSystemMail } from '../mail/send-system-mail';
import { mailroomAdapter } from './adapter';
import { magicLinkUrl } from './magic-link-url';

const MAGIC_LINK_MINUTES = 30;

function config(): NextAuthConfig {
  const e = env();
  const providers: NextAuthConfig['providers'] = [
    {
      id: 'email',
      type: 'email',
      name: 'Email',
      from: e.MAIL_FROM,
      maxAge: MAGIC_LINK_MINUTES * 60,
      options: {},
      normalizeIdentifier: (identifier: string) => identifier.trim().toLowerCase(),
      async sendVerificationRequest({ identifier, url: requested }) {
        const url = magicLinkUrl(requested, e.APP_URL, e.NODE_ENV !== 'production');
        await sendSystemMail(getDb(), {
          to: identifier,
          subject: 'Sign in to Mailroom',
          text: `Sign in to Mailroom with this link:\n\n${url}\n\nIt is valid for ${MAGIC_LINK_MINUTES} minutes. If you did not ask for it, ignore this email.`,
          html: `<p>Sign in to Mailroom:</p><p><a href="${escapeHtml(url)}">Sign in</a></p><p>The link is valid for ${MAGIC_LINK_MINUTES} minutes. If you did not ask for it, ignore this email.</p>`,
        });
      },
    },
  ];
  if (e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET) {
    providers.push(Google({ clientId: e.AUTH_GOOGLE_ID, clientSecret: e.AUTH_GOOGLE_SECRET }));
  }
  if (e.AUTH_MICROSOFT_ENTRA_ID_ID && e.AUTH_MICROSOFT_ENTRA_ID_SECRET) {
    providers.push(
      MicrosoftEntraID({
        clientId: e.AUTH_MICROSOFT_ENTRA_ID_ID,
        clientSecret: e.AUTH_MICROSOFT_ENTRA_ID_SECRET,
        issuer: e.AUTH_MICROSOFT_ENTRA_ID_ISSUER,
      }),
    );
  }
  return {
    adapter: mailroomAdapter(getDb()),
    providers,
    session: { strategy: 'database', maxAge: 30 * 86_400 },
    secret: process.env.AUTH_SECRET || deriveKey('auth-secret').toString('hex'),
    trustHost: true,
    pages: { signIn: '/signin', verifyRequest: '/signin/check-email', error: '/signin' },
    callbacks: {
      session({ session, user }) {
        session.user.id = user.id;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());

/** Which sign-in buttons to show (for the sign-in page; no secrets). */
export function oauthProviders(): { id: string; name: string }[] {
  const e = env();
  return [
    ...(e.AUTH_GOOGLE_ID ? [{ id: 'google', name: 'Google' }] : []),
    ...(e.AUTH_MICROSOFT_ENTRA_ID_ID ? [{ id: 'microsoft-entra-id', name: 'Microsoft' }] : []),
  ];
}
