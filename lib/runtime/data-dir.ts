// The embedded default keeps its state under one folder (.data/ unless MAILROOM_DATA_DIR says
// otherwise): the Postgres cluster, the generated secret key and the address of the running
// embedded server, so that the web server, the worker and the CLI find the same database.
import fs from 'node:fs';
import path from 'node:path';

export function dataDir(): string {
  return path.resolve(process.env.MAILROOM_DATA_DIR || '.data');
}

export function dataFile(name: string): string {
  return path.join(dataDir(), name);
}

export function readDataFile(name: string): string | undefined {
  try {
    return fs.readFileSync(dataFile(name), 'utf8');
  } catch {
    return undefined;
  }
}

export function writeDataFile(name: string, content: string, mode = 0o600): void {
  fs.mkdirSync(dataDir(), { recursive: true });
  fs.writeFileSync(dataFile(name), content, { mode });
}
