// "Connect Google" / "Connect Microsoft": a plain GET form to the connect route, which redirects to
// the provider. Shown when the provider is configured; otherwise a note names the variables.
import { Button, Select } from '@/app/components/ui';
import { oauthProvider, oauthProviderIds, providerVariables } from '@/lib/oauth/oauth-providers';

export function ConnectAccounts({ purposes = true }: { purposes?: boolean }) {
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
            {purposes ? (
              <Select name="purpose" defaultValue="send" aria-label={`What the ${label} account is for`}>
                <option value="send">for sending</option>
                <option value="receive">for receiving</option>
                <option value="both">for sending and receiving</option>
              </Select>
            ) : null}
            <Button type="submit">Connect {label}</Button>
          </form>
        );
      })}
    </div>
  );
}

/** Runs the flow again for an account: same id, history and settings; new tokens. */
export function ReconnectLink({ kind, id }: { kind: string; id: string }) {
  const provider = kind === 'gmail' ? 'google' : 'microsoft';
  return (
    <a
      className="text-indigo-700 underline"
      href={`/api/v1/connected-accounts/connect/${provider}?senderId=${encodeURIComponent(id)}`}
    >
      Reconnect
    </a>
  );
}
