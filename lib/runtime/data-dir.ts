// The embedded default keeps its state under one folder (.data/ unless MAILROOM_DATA_DIR says
// otherwise): the Postgres cluster, the generated secret key and the address of the running
// embedded server, so that the web server, the worker and the CLI find the same database.
// (The turbopackIgnore comments keep Next's build from tracing the whole project through these
// run-time paths.)
import fs from 'node:fs';
import path from 'node:path';

export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.MAILROOM_DATA_DIR || '.data');
}

export function dataFile(name: string): string {
  return path.join(/*turbopackIgnore: true*/ dataDir(), name);
}

export function readDataFile(name: string): string | undefined {
  try {
    return fs.readFileSync(/*turbopackIgnore: true*/ dataFile(name), 'utf8');
  } catch {
    return undefined;
  }
}

export function writeDataFile(name: string, content: string, mode = 0o600): void {
  fs.mkdirSync(/*turbopackIgnore: true*/ dataDir(), { recursive: true });
  fs.writeFileSync(/*turbopackIgnore: true*/ dataFile(name), content, { mode });
}
