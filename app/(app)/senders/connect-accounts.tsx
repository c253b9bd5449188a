// "Connect Google" / "Connect Microsoft": a plain GET form to the connect route, which redirects to
// the provider. Shown when the provider is configured; otherwise a note names the variables.
import { Button, Select } from '@/app/components/ui';
import { oauthProvider, oauthProviderIds, providerVariables } from '@/lib/oauth/oauth-providers';

export function ConnectAccounts({ defaultPurpose = 'send' }: { defaultPurpose?: 'send' | 'receive' }) {
  return (
    <div className="space-y-3">
      {oauthProviderIds.map((id) => {
        const provider = oauthProvider(id);
        const label = id === 'google' ? 'Google' : 'Microsoft';
        if (!provider) {
          return (
            <p key={id} className="text-sm text-slate-600">
              To connect {label} accounts, set {providerVariables[id].join(' and ')} (README: Google and
              Microsoft accounts).
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
              aria-label={`What the ${label} account is for`}
            >
              <option value="send">for sending</option>
              <option value="receive">for receiving</option>
              <option value="both">for sending and receiving</option>
            </Select>
            <Button type="submit">Connect {label}</Button>
          </form>
        );
      })}
    </div>
  );
}

/** Runs the flow again for an account: same id, history and settings; new tokens. */
export function ReconnectLink({
  provider,
  senderId,
}: {
  provider: 'google' | 'microsoft';
  senderId?: string;
}) {
  const query = senderId ? `senderId=${encodeURIComponent(senderId)}` : 'purpose=receive';
  return (
    <a className="text-indigo-700 underline" href={`/api/v1/connected-accounts/connect/${provider}?${query}`}>
      Reconnect
    </a>
  );
}
