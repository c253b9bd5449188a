// IMAP settings of the providers small organisations use, with where to get the password Mailroom
// needs. Most providers refuse the account's normal password from a third-party app once two-step
// sign-in is on: they want an "app password" made for Mailroom.
import type { InboxSecurity } from '../db/schema/inbox';

export type InboxPreset = {
  id: string;
  label: string;
  host: string;
  port: number;
  security: InboxSecurity;
  /** What goes in the username field. */
  usernameHint: string;
  /** Where to create the password Mailroom should use, in one or two sentences. */
  passwordNote: string;
};

export const inboxPresets: InboxPreset[] = [
  {
    id: 'gmail',
    label: 'Gmail / Google Workspace',
    host: 'imap.gmail.com',
    port: 993,
    security: 'tls',
    usernameHint: 'The full address (name@gmail.com or name@your-domain)',
    passwordNote:
      'Create an app password at https://myaccount.google.com/apppasswords (needs 2-Step Verification). Workspace admins must allow IMAP in the Admin console.',
  },
  {
    id: 'outlook',
    label: 'Outlook.com / Hotmail / Microsoft 365',
    host: 'outlook.office365.com',
    port: 993,
    security: 'tls',
    usernameHint: 'The full address',
    passwordNote:
      'Turn on two-step verification, then create an app password under https://account.microsoft.com/security → Advanced security options → App passwords. Microsoft is retiring password sign-in for IMAP: accounts where it is already off cannot connect this way.',
  },
  {
    id: 'yahoo',
    label: 'Yahoo Mail',
    host: 'imap.mail.yahoo.com',
    port: 993,
    security: 'tls',
    usernameHint: 'The full address',
    passwordNote: 'Generate an app password at https://login.yahoo.com/account/security → App passwords.',
  },
  {
    id: 'orange',
    label: 'Orange',
    host: 'imap.orange.fr',
    port: 993,
    security: 'tls',
    usernameHint: 'The full address (name@orange.fr or name@wanadoo.fr)',
    passwordNote:
      'Use the Orange Mail password. If it is refused, allow access from email software in the Orange Mail settings (Paramètres → Sécurité).',
  },
  {
    id: 'ovh-mxplan',
    label: 'OVHcloud MX Plan',
    host: 'ssl0.ovh.net',
    port: 993,
    security: 'tls',
    usernameHint: 'The full address',
    passwordNote: "The email account's own password, set in the OVHcloud Control Panel → Web Cloud → Emails.",
  },
  {
    id: 'ovh-mailpro',
    label: 'OVHcloud Email Pro',
    host: 'pro1.mail.ovh.net',
    port: 993,
    security: 'tls',
    usernameHint: 'The full address',
    passwordNote:
      "The account's password from the OVHcloud Control Panel → Web Cloud → Email Pro. The server may be pro2/pro3.mail.ovh.net: the Control Panel's General information tab names yours.",
  },
  {
    id: 'ionos',
    label: 'IONOS',
    host: 'imap.ionos.com',
    port: 993,
    security: 'tls',
    usernameHint: 'The full address',
    passwordNote:
      'The mailbox password set in the IONOS Email section. Use imap.ionos.fr, imap.ionos.de or imap.ionos.co.uk for those countries’ accounts.',
  },
  {
    id: 'icloud',
    label: 'iCloud Mail',
    host: 'imap.mail.me.com',
    port: 993,
    security: 'tls',
    usernameHint: 'The iCloud address (name@icloud.com)',
    passwordNote:
      'Create an app-specific password at https://account.apple.com → Sign-In and Security → App-Specific Passwords (needs two-factor authentication).',
  },
  {
    id: 'fastmail',
    label: 'Fastmail',
    host: 'imap.fastmail.com',
    port: 993,
    security: 'tls',
    usernameHint: 'The full address',
    passwordNote:
      'Create an app password with IMAP access in Settings → Privacy & Security → Manage app passwords (https://app.fastmail.com/settings/security/apps).',
  },
  {
    id: 'zoho',
    label: 'Zoho Mail',
    host: 'imap.zoho.com',
    port: 993,
    security: 'tls',
    usernameHint: 'The full address',
    passwordNote:
      'Enable IMAP access in Zoho Mail → Settings → Mail Accounts, then create an app-specific password at https://accounts.zoho.com → Security → App Passwords. EU accounts use imap.zoho.eu; paid organisation accounts imappro.zoho.com.',
  },
];

export function findPreset(id: string | null | undefined): InboxPreset | undefined {
  return id ? inboxPresets.find((p) => p.id === id) : undefined;
}
