// A sentence Mailroom stored about a server (lib/i18n/explain-server-message.ts), in the viewer's
// language: <ServerMessage text={row.lastError} /> in any component, or serverMessageText(t, text)
// with a `serverMessages` translator where a string is needed.
import { useTranslations } from 'next-intl';
import { explainServerMessage } from '@/lib/i18n/explain-server-message';

type ServerMessagesT = ReturnType<typeof useTranslations<'serverMessages'>>;

export function serverMessageText(t: ServerMessagesT, text: string | null | undefined): string {
  return explainServerMessage((key, values) => t(key, values), text);
}

export function ServerMessage({ text }: { text: string | null | undefined }) {
  const t = useTranslations('serverMessages');
  return <>{serverMessageText(t, text)}</>;
}
