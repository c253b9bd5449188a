// Once per end-to-end run: check Chromium, then build the app and start it with a worker on a
// fresh database copied from the template, and tell the tests where it is.
//
// The build (~2–3 min) and the start run in the background: this setup returns at once with the
// app's address (its port held until then), so the integration files — an earlier group
// (vitest.config.ts, `groupOrder`) — run while Next builds. Every e2e file waits for the app first
// (wait-for-app.ts, its setup file), and fails with the build's error if there was one.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { type AppServer, buildAppInBackground, startApp } from '../helpers/app-server';
import { ensureChromium } from '../helpers/browser';
import { reservePort } from '../helpers/free-port';
import { withDatabase } from '../helpers/postgres-server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    e2eDatabaseUrl: string;
    /** Written once the app answers (`ready`) or could not be built or started (the error). */
    e2eAppStatusFile: string;
  }
}

export default async function setup(project: TestProject) {
  ensureChromium();
  const { adminDatabaseUrl, templateDatabase } = project.getProvidedContext();
  const name = `mailroom_e2e_${Date.now()}`;
  const admin = postgres(adminDatabaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${templateDatabase}"`);
  const databaseUrl = withDatabase(adminDatabaseUrl, name);
  const port = await reservePort();
  const statusFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mailroom-e2e-')), 'status');
  project.provide('baseUrl', `http://localhost:${port.port}`);
  project.provide('e2eDatabaseUrl', databaseUrl);
  project.provide('e2eAppStatusFile', statusFile);

  // Teardown stops a build still running (a run that ends before the e2e files). Ctrl-C in a
  // terminal reaches the build directly: it is in the terminal's process group.
  const stopBuild = new AbortController();
  const app: Promise<AppServer | undefined> = (async () => {
    if (process.env.MAILROOM_E2E_REUSE_BUILD !== '1') await buildAppInBackground(stopBuild.signal);
    await port.release();
    return startApp(databaseUrl, {}, port.port);
  })().then(
    (started) => {
      fs.writeFileSync(statusFile, 'ready');
      return started;
    },
    (error: unknown) => {
      fs.writeFileSync(statusFile, `the e2e app could not be built or started: ${String(error)}`);
      return undefined;
    },
  );
  return async () => {
    stopBuild.abort();
    await (await app)?.stop();
    await port.release().catch(() => {});
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };
}
