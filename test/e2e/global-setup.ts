// Once per end-to-end run: check Chromium, build the app, start it with a worker on a fresh
// database copied from the template, and tell the tests where it is.

import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { buildApp, startApp } from '../helpers/app-server';
import { ensureChromium } from '../helpers/browser';
import { withDatabase } from '../helpers/postgres-server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    e2eDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  ensureChromium();
  if (process.env.MAILROOM_E2E_REUSE_BUILD !== '1') buildApp();
  const { adminDatabaseUrl, templateDatabase } = project.getProvidedContext();
  const name = `mailroom_e2e_${Date.now()}`;
  const admin = postgres(adminDatabaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${templateDatabase}"`);
  const databaseUrl = withDatabase(adminDatabaseUrl, name);
  const app = await startApp(databaseUrl);
  project.provide('baseUrl', app.baseUrl);
  project.provide('e2eDatabaseUrl', databaseUrl);
  return async () => {
    await app.stop();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };
}
