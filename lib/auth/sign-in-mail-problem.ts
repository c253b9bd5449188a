// The web process's start-up check on how sign-in links travel. Without SMTP they land in the
// preview mailbox, which is fine on a developer's machine and an account takeover anywhere else.
import { type Env, loadEnvOrExit } from '../env';

/** Why the web process must not start with this configuration, or null when it may. */
export function signInMailProblem(e: Env): string | null {
  if (e.NODE_ENV !== 'production' || !e.previewMail || e.MAILROOM_PREVIEW_MAIL) return null;
  return [
    'SMTP_URL is not set: in production Mailroom needs an SMTP server to send sign-in links and invitations.',
    '  - Set SMTP_URL (for example smtp://user:password@smtp.example.com:587), or',
    '  - set MAILROOM_PREVIEW_MAIL=true to keep that mail in the preview mailbox (/mailbox, readable only from this machine).',
    'To get in without email, print a one-time sign-in link: npm run mailroom -- signin:link --email you@example.com',
  ].join('\n');
}

/** For the web process at start (instrumentation.ts): print the problem and exit 1. */
export function exitIfSignInMailUnsafe(): void {
  const problem = signInMailProblem(loadEnvOrExit());
  if (problem) {
    console.error(`Mailroom cannot start.\n${problem}`);
    process.exit(1);
  }
}
