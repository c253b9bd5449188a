// What a server action that worked says: `await toast('senderDeleted')` before it returns or
// redirects. The words travel as a short-lived cookie, read once by the Toaster in the app's frame
// (app/components/toaster.tsx), so every action — a redirect, a revalidated page or a returned
// state — says so the same way.
import { cookies } from 'next/headers';
import { TOAST_COOKIE, type ToastFlash, type ToastKey } from './components/toast-flash';

export async function toast(key: ToastKey, values?: ToastFlash['values']): Promise<void> {
  const flash: ToastFlash = { key, values, id: crypto.randomUUID() };
  (await cookies()).set(TOAST_COOKIE, JSON.stringify(flash), {
    path: '/',
    sameSite: 'lax',
    // Read by the page's script, then removed; a minute is enough for the page the action lands on.
    maxAge: 60,
    httpOnly: false,
  });
}
