// A process that dies (SIGKILL) after the token endpoint answered a refresh and before the rotated
// tokens are committed: the worst moment for a rotating refresh token. Used by the token tests.
//   tsx test/support/crash-mid-refresh.ts <databaseUrl> <encryptionKeys> <authBaseUrl> <tenantId>
import { AccessTokenProvider } from '../../jira-cloud/oauth/access-token-provider';
import { createPool } from '../../store/pool';
import { SecretBox } from '../../store/secret-box';

async function main(): Promise<void> {
  const [databaseUrl, keys, authBaseUrl, tenantId] = process.argv.slice(2);
  if (!databaseUrl || !keys || !authBaseUrl || !tenantId) throw new Error('usage: crash-mid-refresh <db> <keys> <auth> <tenant>');
  const provider = new AccessTokenProvider({
    pool: createPool(databaseUrl, 2),
    secretBox: SecretBox.fromSpec(keys),
    authBaseUrl,
    afterTokenResponse: () => {
      process.kill(process.pid, 'SIGKILL');
    },
  });
  await provider.refresh(tenantId, { ifExpiringWithinMs: Number.POSITIVE_INFINITY });
  throw new Error('the refresh completed although the process should have died first');
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
