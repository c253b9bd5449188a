// What a CLI command is: a name, one line of help, its options, and what it does.
import { type ParseArgsConfig, parseArgs } from 'node:util';

export type Options = NonNullable<ParseArgsConfig['options']>;

export type Command = {
  name: string;
  summary: string;
  usage: string;
  options: Options;
  run: (values: Record<string, string | boolean | undefined>) => Promise<number | undefined>;
};

export class UsageError extends Error {}

export function defineCommand(command: Command): Command {
  return command;
}

export function parseCommandArgs(command: Command, argv: string[]) {
  try {
    return parseArgs({ args: argv, options: command.options, strict: true, allowPositionals: false })
      .values as Record<string, string | boolean | undefined>;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function requireOption(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}
