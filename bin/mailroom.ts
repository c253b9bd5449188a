// `npm run mailroom -- <command>`: the one command line for operators and cron users.
import { AppError } from '@/lib/api/errors';
import { closeDb } from '@/lib/db/client';
import { ConfigError } from '@/lib/env';
import { stopSenderBoss } from '@/lib/jobs/boss';
import { registerOriginHandlers } from '@/lib/register-origin-handlers';
import { assertNodeVersion } from '@/lib/runtime/assert-node-version';
import { type Command, parseCommandArgs, UsageError } from './command';
import { apikeyCreateCommand } from './commands/apikey-create';
import { dbMigrateCommand } from './commands/db-migrate';
import { inboxSyncCommand } from './commands/inbox-sync';
import { messagesProcessCommand } from './commands/messages-process';
import { orgCreateCommand } from './commands/org-create';
import { queueProcessCommand } from './commands/queue-process';
import { queueStatusCommand } from './commands/queue-status';
import { signinLinkCommand } from './commands/signin-link';
import { devCommand, startCommand } from './commands/supervise';
import { userInviteCommand } from './commands/user-invite';

const commands: Command[] = [
  devCommand,
  startCommand,
  dbMigrateCommand,
  orgCreateCommand,
  apikeyCreateCommand,
  userInviteCommand,
  signinLinkCommand,
  queueProcessCommand,
  queueStatusCommand,
  inboxSyncCommand,
  messagesProcessCommand,
];

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: npm run mailroom -- <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `npm run mailroom -- <command> --help` for the options of one command.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`Usage: npm run mailroom -- ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  try {
    return (await command.run(parseCommandArgs(command, rest))) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\nUsage: npm run mailroom -- ${command.usage}`);
      return 2;
    }
    if (error instanceof ConfigError || error instanceof AppError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await stopSenderBoss();
    await closeDb();
  }
}

assertNodeVersion();
registerOriginHandlers();
process.exitCode = await main(process.argv.slice(2));
