// The app's main navigation. A feature adds its entry here when its page exists, and its label to
// the `nav` namespace of both catalogues (lib/i18n/messages).
import type { Messages } from '@/lib/i18n/catalogues';

export type NavItem = { href: string; label: keyof Messages['nav'] };

export const nav: NavItem[] = [
  { href: '/dashboard', label: 'dashboard' },
  { href: '/outbox', label: 'outbox' },
  { href: '/outbox/compose', label: 'compose' },
  { href: '/senders', label: 'senders' },
  { href: '/sms-accounts', label: 'smsAccounts' },
  { href: '/inbox', label: 'inbox' },
  { href: '/inbox/mailboxes', label: 'mailboxes' },
  { href: '/contacts', label: 'contacts' },
  { href: '/messages', label: 'messages' },
  { href: '/invoices', label: 'invoices' },
  { href: '/runs', label: 'runs' },
  { href: '/preview', label: 'preview' },
  { href: '/settings/members', label: 'members' },
  { href: '/settings/api-keys', label: 'apiKeys' },
  { href: '/settings/suppressions', label: 'suppressions' },
  { href: '/settings', label: 'settings' },
];
