'use client';
// The failed invoices of a run, each with "fix the address" (the invoice's recipients, edited in
// place) and "resend this one" (a new outbox message in the same run, whose outcome reaches the
// run like the others).
import { useTranslations } from 'next-intl';
import { useId, useState, useTransition } from 'react';
import { Alert, Button, Card, inputClass } from '@/app/components/ui';
import type { FailedDelivery } from '@/lib/bulk/list-failed-deliveries';
import { fixInvoiceAddressAction, resendInvoiceAction } from '../actions';
import { deliveryErrorKey } from '../describe-delivery-error';

export function FailedInvoices({
  runId,
  items,
  canResend,
  onResent,
}: {
  runId: string;
  items: FailedDelivery[];
  /** False while the run is sending: a resend waits for it to finish. */
  canResend: boolean;
  onResent: () => void;
}) {
  const t = useTranslations('failedInvoices');
  if (items.length === 0) return null;
  return (
    <Card>
      <section aria-labelledby="failed-invoices" data-testid="failed-invoices">
        <h2 id="failed-invoices" className="text-sm font-medium text-slate-700">
          {t('title', { count: items.length })}
        </h2>
        <ul className="mt-2 divide-y divide-slate-100">
          {items.map((item) => (
            <FailedRow
              key={item.invoiceId}
              runId={runId}
              item={item}
              canResend={canResend}
              onResent={onResent}
            />
          ))}
        </ul>
      </section>
    </Card>
  );
}

function FailedRow({
  runId,
  item,
  canResend,
  onResent,
}: {
  runId: string;
  item: FailedDelivery;
  canResend: boolean;
  onResent: () => void;
}) {
  const t = useTranslations('failedInvoices');
  const [editing, setEditing] = useState(false);
  const [recipients, setRecipients] = useState(item.recipients.join(', '));
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const fieldId = useId();
  const key = deliveryErrorKey(item.error);
  return (
    <li className="py-3 text-sm" data-testid="failed-invoice" data-invoice-id={item.invoiceId}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-medium">
            {t('client', { name: item.clientName, code: item.clientCode, period: item.period })}
          </p>
          <p className="break-all text-slate-600" data-testid="failed-recipients">
            {item.recipients.join(', ')}
          </p>
          <p className="mt-1 text-red-700">{t(`reason.${key}`)}</p>
          {item.error ? (
            <p className="break-words text-xs text-slate-500">{t('serverSaid', { said: item.error })}</p>
          ) : null}
        </div>
        <div className="flex flex-wrap gap-2">
          <Button
            variant="secondary"
            type="button"
            onClick={() => setEditing((e) => !e)}
            aria-expanded={editing}
          >
            {t('fixAddress')}
          </Button>
          <Button
            type="button"
            disabled={pending || !canResend}
            title={canResend ? undefined : t('waitForRun')}
            onClick={() =>
              startTransition(async () => {
                setError(null);
                const result = await resendInvoiceAction(runId, item.invoiceId);
                if (result.error) setError(result.error);
                else onResent();
              })
            }
          >
            {t('resend')}
          </Button>
        </div>
      </div>
      {editing ? (
        <form
          className="mt-2 flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            startTransition(async () => {
              setError(null);
              setNotice(null);
              const result = await fixInvoiceAddressAction(runId, item.invoiceId, recipients);
              if (result.ok) {
                setEditing(false);
                setNotice(t('addressSaved'));
              } else setError(result.error);
            });
          }}
        >
          <div className="min-w-0 flex-1">
            <label htmlFor={fieldId} className="block text-xs font-medium text-slate-700">
              {t('recipientsLabel')}
            </label>
            <input
              id={fieldId}
              name="recipients"
              className={inputClass}
              value={recipients}
              onChange={(e) => setRecipients(e.target.value)}
              aria-invalid={error ? true : undefined}
            />
          </div>
          <Button type="submit" disabled={pending}>
            {t('saveAddress')}
          </Button>
        </form>
      ) : null}
      {error ? (
        <div className="mt-2">
          <Alert kind="error">{error}</Alert>
        </div>
      ) : null}
      {notice ? (
        <div className="mt-2">
          <Alert kind="success">{notice}</Alert>
        </div>
      ) : null}
    </li>
  );
}
