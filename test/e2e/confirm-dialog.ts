// Answering the app's confirmation dialog (app/components/confirm-button.tsx) as a person would:
// read its question, then agree.
import type { Page } from 'playwright-core';

/** Waits for the open dialog, returns its question and clicks its confirming (last) button. */
export async function agreeToDialog(page: Page): Promise<string> {
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const question = await dialog.locator('p').first().innerText();
  await dialog.getByRole('button').last().click();
  return question;
}
