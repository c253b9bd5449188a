import { createApiKey } from '@/lib/auth/create-api-key';
import { getDb } from '@/lib/db/client';
import { defineCommand, requireOption } from '../command';
import { cliOrgContext } from './org-context';

export const apikeyCreateCommand = defineCommand({
  name: 'apikey:create',
  summary: 'Create an API key for an organisation and print it (shown this once only)',
  usage: 'apikey:create --org <id|slug> --name "CI"',
  options: { org: { type: 'string' }, name: { type: 'string' } },
  run: async (values) => {
    const ctx = await cliOrgContext(requireOption(values, 'org'));
    const { apiKey, key } = await createApiKey(getDb(), ctx, { name: requireOption(values, 'name') });
    console.error(
      `Created API key "${apiKey.name}" (${apiKey.prefix}…, id ${apiKey.id}). Store it now: it is not shown again.`,
    );
    console.log(key);
    return 0;
  },
});
