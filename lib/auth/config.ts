// next-auth (Auth.js v5): email magic links always; Google and Microsoft Entra ID when their
// client id and secret are configured. Sessions live in the database.
import NextAuth, { type NextAuthConfig } from 'next-auth';
import Google from 'next-auth/providers/google';
import MicrosoftEntraID from 'next-auth/providers/microsoft-entra-id';
import { getDb } from '../db/client';
import { env } from '../env';
import { recipientLocale } from '../i18n/recipient-locale';
import { sendSystemMail } from '../mail/send-system-mail';
import { mailroomAdapter } from './adapter';
import { authSecret, MAGIC_LINK_MINUTES } from './auth-secret';
import { magicLinkUrl } from './magic-link-url';
import { safeRedirectUrl } from './safe-callback-path';
import { signInMail } from './sign-in-mail';

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
      async sendVerificationRequest({ identifier, url: requested, request }) {
        // Back to the host the link was asked from, when it is one of ours (lib/auth/magic-link-url.ts).
        const url = magicLinkUrl(requested, e.APP_URL, e.NODE_ENV !== 'production');
        // In the user's language, else in the language of the browser that asked for the link.
        const locale = await recipientLocale(getDb(), identifier, {
          acceptLanguage: request.headers.get('accept-language'),
        });
        await sendSystemMail(getDb(), signInMail(locale, identifier, url));
      },
    },
  ];
  if (e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET) {
    providers.push(
      Google({
        clientId: e.AUTH_GOOGLE_ID,
        clientSecret: e.AUTH_GOOGLE_SECRET,
        issuer: e.AUTH_GOOGLE_ISSUER,
        // Someone who first came by magic link and later presses "Continue with Google" is the same
        // person: Google vouches for the address (checked in `signIn` below: email_verified), so the
        // Google sign-in joins the existing user instead of answering OAuthAccountNotLinked.
        allowDangerousEmailAccountLinking: true,
      }),
    );
  }
  if (e.AUTH_MICROSOFT_ENTRA_ID_ID && e.AUTH_MICROSOFT_ENTRA_ID_SECRET) {
    providers.push(
      MicrosoftEntraID({
        clientId: e.AUTH_MICROSOFT_ENTRA_ID_ID,
        clientSecret: e.AUTH_MICROSOFT_ENTRA_ID_SECRET,
        issuer: e.AUTH_MICROSOFT_ENTRA_ID_ISSUER,
        // The provider's own profile() fetches a photo from graph.microsoft.com, an address no
        // variable can move (sovereign clouds, proxies, tests) and an avatar nobody here shows: the
        // ID token says who signed in. Personal accounts may carry only preferred_username.
        profile: (claims) => ({
          id: claims.sub,
          name: claims.name ?? null,
          email: claims.email ?? claims.preferred_username ?? null,
          image: null,
        }),
      }),
    );
  }
  return {
    adapter: mailroomAdapter(getDb()),
    providers,
    session: { strategy: 'database', maxAge: 30 * 86_400 },
    secret: authSecret(),
    trustHost: true,
    pages: { signIn: '/signin', verifyRequest: '/signin/check-email', error: '/signin' },
    callbacks: {
      // Linking by address (above) is safe only for an address Google has verified.
      signIn: ({ account, profile }) => account?.provider !== 'google' || profile?.email_verified === true,
      // After sign-in, only our own origin: a callbackUrl of //evil.example goes to the dashboard.
      redirect: ({ url, baseUrl }) => safeRedirectUrl(url, baseUrl),
      session({ session, user }) {
        session.user.id = user.id;
        // The adapter hands over the whole users row, so the chosen language costs no query.
        session.user.locale = (user as { locale?: string | null }).locale ?? null;
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
