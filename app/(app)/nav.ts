// The app's main navigation. A feature adds its entry here when its page exists.
export type NavItem = { href: string; label: string };

export const nav: NavItem[] = [
  { href: '/dashboard', label: 'Dashboard' },
  { href: '/outbox', label: 'Outbox' },
  { href: '/outbox/compose', label: 'Compose' },
  { href: '/senders', label: 'Sender accounts' },
  { href: '/inbox', label: 'Inbox' },
  { href: '/inbox/mailboxes', label: 'Mailboxes' },
  { href: '/invoices', label: 'Invoices' },
  { href: '/runs', label: 'Runs' },
  { href: '/preview', label: 'Preview mail' },
  { href: '/settings/members', label: 'Members' },
  { href: '/settings/api-keys', label: 'API keys' },
];
