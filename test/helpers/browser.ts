// Chromium for end-to-end tests: Debian's package driven by playwright-core (no browser download
// is possible here). If it is missing and we are root with apt, the setup installs it; otherwise it
// stops with the command to run. Never a silent skip.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { type Browser, chromium, type Locator } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function ensureChromium(): string {
  if (fs.existsSync(CHROMIUM)) return CHROMIUM;
  if (process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get')) {
    console.log('Chromium is missing: installing it with apt-get (needs the Debian package mirror)…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (fs.existsSync(CHROMIUM)) return CHROMIUM;
  }
  throw new Error(
    `Chromium is required for the end-to-end tests and was not found at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH)`,
  );
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Waits until React has hydrated the element (its props are attached): a form submitted before
 * that is submitted natively — the page reloads and the client handler never runs — which a
 * loaded machine makes likely right after a navigation.
 */
export async function waitForHydrated(element: Locator, timeoutMs = 60_000): Promise<void> {
  await element.waitFor({ timeout: timeoutMs });
  await element
    .page()
    .waitForFunction(
      (el) => el !== null && Object.keys(el).some((k) => k.startsWith('__reactProps')),
      await element.elementHandle(),
      { timeout: timeoutMs },
    );
}
