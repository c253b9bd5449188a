// Files that came from users (an imported invoice PDF) are downloads: never sniffed, sandboxed if a
// browser opens them anyway, never rendered on our origin.
import { describe, expect, it } from 'vitest';
import * as invoicePdf from '@/app/api/v1/invoices/[id]/pdf/route';
import * as importRoute from '@/app/api/v1/invoices/import/route';
import * as invoicesRoute from '@/app/api/v1/invoices/route';
import { callRoute } from '../helpers/call-route';
import { makeInvoiceBatch, makeZip, uploadForm } from '../helpers/invoice-fixtures';
import { createTestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();

describe('invoice PDF download', () => {
  it('is an attachment with nosniff and a sandbox policy, byte for byte', async () => {
    const org = await createTestOrg(t.db);
    const batch = makeInvoiceBatch(1);
    const imported = await callRoute(importRoute.POST, {
      method: 'POST',
      apiKey: org.apiKey,
      body: uploadForm({ 'invoices.zip': makeZip(batch.manifest, batch.files) }),
    });
    expect(imported.json.imported).toBe(1);
    const list = await callRoute(invoicesRoute.GET, { apiKey: org.apiKey, path: '/api/v1/invoices' });
    const res = await invoicePdf.GET(
      new Request('http://localhost/x', { headers: { authorization: `Bearer ${org.apiKey}` } }),
      { params: Promise.resolve({ id: list.json.invoices[0].id }) },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/^sandbox/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]+\.pdf"/);
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(Object.values(batch.files)[0]!))).toBe(
      true,
    );
  });
});
