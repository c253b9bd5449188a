// "Connect Google" / "Connect Microsoft": a plain GET form to the connect route, which redirects to
// the provider. Shown when the provider is configured; otherwise a note names the variables.
import { getTranslations } from 'next-intl/server';
import { Button, Select } from '@/app/components/ui';
import { oauthProvider, oauthProviderIds, providerVariables } from '@/lib/oauth/oauth-providers';

export async function ConnectAccounts({ defaultPurpose = 'send' }: { defaultPurpose?: 'send' | 'receive' }) {
  const t = await getTranslations('connect');
  return (
    <div className="space-y-3">
      {oauthProviderIds.map((id) => {
        const provider = oauthProvider(id);
        const label = id === 'google' ? 'Google' : 'Microsoft';
        if (!provider) {
          return (
            <p key={id} className="text-sm text-slate-600">
              {t('notConfigured', { provider: label, variables: providerVariables[id].join(', ') })}
            </p>
          );
        }
        return (
          <form
            key={id}
            method="get"
            action={`/api/v1/connected-accounts/connect/${id}`}
            className="flex items-center gap-3"
          >
            <Select
              name="purpose"
              defaultValue={defaultPurpose}
              aria-label={t('purposeLabel', { provider: label })}
            >
              <option value="send">{t('forSending')}</option>
              <option value="receive">{t('forReceiving')}</option>
              <option value="both">{t('forBoth')}</option>
            </Select>
            <Button type="submit">{t('connect', { provider: label })}</Button>
          </form>
        );
      })}
    </div>
  );
}

/** Runs the flow again for a connected account: same id, history, settings and uses; new tokens. */
export async function ReconnectLink({
  provider,
  accountId,
}: {
  provider: 'google' | 'microsoft';
  accountId: string;
}) {
  const t = await getTranslations('connect');
  return (
    <a
      className="text-indigo-700 underline"
      href={`/api/v1/connected-accounts/connect/${provider}?account=${encodeURIComponent(accountId)}`}
    >
      {t('reconnect')}
    </a>
  );
}
