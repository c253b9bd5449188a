// Invoice import through POST /api/v1/invoices/import and the list through GET /api/v1/invoices.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as invoicePdf from '@/app/api/v1/invoices/[id]/pdf/route';
import * as importRoute from '@/app/api/v1/invoices/import/route';
import * as invoicesRoute from '@/app/api/v1/invoices/route';
import * as openapi from '@/app/api/v1/openapi.json/route';
import { storedFiles } from '@/lib/db/schema/files';
import { invoices } from '@/lib/db/schema/invoices';
import { callRoute } from '../helpers/call-route';
import { makeInvoiceBatch, makeManifest, makePdf, makeZip, uploadForm } from '../helpers/invoice-fixtures';
import { createTestOrg } from '../helpers/orgs';
import { setupTestDatabase } from '../helpers/test-database';

const t = setupTestDatabase();

function importFiles(apiKey: string, parts: Record<string, string | Uint8Array>) {
  return callRoute(importRoute.POST, { method: 'POST', apiKey, body: uploadForm(parts) });
}

describe('invoice import', () => {
  it('stores the good rows and reports each bad one by its CSV line', async () => {
    const org = await createTestOrg(t.db);
    const manifest = makeManifest([
      {
        clientCode: 'CCT123',
        clientName: 'Dupont SARL',
        period: '2025-01',
        recipients: 'a@x.fr; b@y.fr,c@z.fr',
        fileName: 'FACTURE_CCT123.pdf',
      },
      {
        clientCode: 'CCT124',
        clientName: 'Martin',
        period: '2025-13',
        recipients: 'm@x.fr',
        fileName: 'FACTURE_CCT124.pdf',
      },
      {
        clientCode: 'CCT125',
        clientName: 'Durand',
        period: '2025-01',
        recipients: 'ok@x.fr; bob@',
        fileName: 'FACTURE_CCT125.pdf',
      },
      {
        clientCode: 'CCT126',
        clientName: 'Petit',
        period: '2025-01',
        recipients: 'p@x.fr',
        fileName: 'MISSING.pdf',
      },
      {
        clientCode: 'CCT123',
        clientName: 'Dupont SARL',
        period: '2025-01',
        recipients: 'a@x.fr',
        fileName: 'FACTURE_CCT123.pdf',
      },
      {
        clientCode: 'CCT127',
        clientName: '',
        period: '2025-02',
        recipients: 'q@x.fr',
        fileName: 'FACTURE_CCT127.pdf',
      },
      {
        clientCode: 'CCT128',
        clientName: 'Leroy',
        period: '2025-02',
        recipients: 'l@x.fr',
        fileName: 'notes.pdf',
      },
      {
        clientCode: 'CCT129',
        clientName: 'Moreau, Fils & Cie',
        period: '2025-02',
        recipients: 'MO@X.FR',
        fileName: 'FACTURE_CCT129.pdf',
      },
    ]);
    const res = await importFiles(org.apiKey, {
      'factures.csv': manifest,
      'FACTURE_CCT123.pdf': makePdf('123'),
      'FACTURE_CCT124.pdf': makePdf('124'),
      'FACTURE_CCT125.pdf': makePdf('125'),
      'FACTURE_CCT127.pdf': makePdf('127'),
      'notes.pdf': new TextEncoder().encode('not a pdf at all'),
      'FACTURE_CCT129.pdf': makePdf('129'),
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      imported: 2,
      errors: [
        { row: 3, message: 'bad period "2025-13" (expected YYYY-MM)' },
        { row: 4, message: 'bad address "bob@"' },
        { row: 5, message: 'unknown file MISSING.pdf (not in the upload)' },
        { row: 6, message: 'duplicate: CCT123 2025-01 is already on row 2' },
        { row: 7, message: 'client name is missing' },
        { row: 8, message: 'file notes.pdf is not a PDF' },
      ],
    });
    const stored = await t.db.select().from(invoices);
    const mine = stored
      .filter((i) => i.orgId === org.id)
      .sort((a, b) => a.clientCode.localeCompare(b.clientCode));
    expect(
      mine.map((i) => [i.clientCode, i.clientName, i.period, i.recipients, i.fileName, i.status]),
    ).toEqual([
      [
        'CCT123',
        'Dupont SARL',
        '2025-01',
        ['a@x.fr', 'b@y.fr', 'c@z.fr'],
        'FACTURE_CCT123.pdf',
        'never_sent',
      ],
      ['CCT129', 'Moreau, Fils & Cie', '2025-02', ['mo@x.fr'], 'FACTURE_CCT129.pdf', 'never_sent'],
    ]);
    const [pdf] = await t.db.select().from(storedFiles).where(eq(storedFiles.id, mine[0]!.fileId));
    expect(pdf!.content.subarray(0, 5).toString()).toBe('%PDF-');

    // The same (client, period) again is a duplicate of what is stored; new rows still go in.
    const again = await importFiles(org.apiKey, {
      'again.csv': makeManifest(
        [
          {
            clientCode: 'CCT123',
            clientName: 'Dupont',
            period: '2025-01',
            recipients: 'a@x.fr',
            fileName: 'f.pdf',
          },
          {
            clientCode: 'CCT123',
            clientName: 'Dupont',
            period: '2025-02',
            recipients: 'a@x.fr',
            fileName: 'f.pdf',
          },
        ],
        ',',
      ),
      'f.pdf': makePdf('f'),
    });
    expect(again.json).toEqual({
      imported: 1,
      errors: [{ row: 2, message: 'duplicate: an invoice for CCT123 2025-01 was already imported' }],
    });
  });

  it('imports one ZIP holding the manifest and per-client folders of same-named PDFs', async () => {
    const org = await createTestOrg(t.db);
    const batch = makeInvoiceBatch(3);
    const ambiguous = makeManifest([
      ...batch.rows,
      {
        clientCode: 'CCT900',
        clientName: 'Ambiguous',
        period: '2025-01',
        recipients: 'z@x.fr',
        fileName: 'FACTURE_2025_01.pdf',
      },
    ]);
    const zip = makeZip(ambiguous, batch.files);
    const res = await importFiles(org.apiKey, { 'invoices.zip': zip });
    expect(res.status).toBe(200);
    expect(res.json.imported).toBe(3);
    expect(res.json.errors).toEqual([
      {
        row: 5,
        message:
          'file name FACTURE_2025_01.pdf matches several files (CCT001/FACTURE_2025_01.pdf, CCT002/FACTURE_2025_01.pdf, CCT003/FACTURE_2025_01.pdf): give its path',
      },
    ]);
    const list = await callRoute(invoicesRoute.GET, { apiKey: org.apiKey, path: '/api/v1/invoices' });
    expect(
      list.json.invoices.map((i: { clientCode: string; fileName: string }) => [i.clientCode, i.fileName]),
    ).toEqual([
      ['CCT001', 'FACTURE_2025_01.pdf'],
      ['CCT002', 'FACTURE_2025_01.pdf'],
      ['CCT003', 'FACTURE_2025_01.pdf'],
    ]);
    // Each client's own PDF, byte for byte.
    const pdf = await invoicePdf.GET(
      new Request('http://localhost/x', { headers: { authorization: `Bearer ${org.apiKey}` } }),
      { params: Promise.resolve({ id: list.json.invoices[1].id }) },
    );
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer()).equals(Buffer.from(batch.files['CCT002/FACTURE_2025_01.pdf']!)),
    ).toBe(true);

    // A bare ZIP body works as well (curl --data-binary @invoices.zip).
    const next = makeInvoiceBatch(2, { period: '2025-02' });
    const res2 = await importRoute.POST(
      new Request('http://localhost/api/v1/invoices/import', {
        method: 'POST',
        headers: { authorization: `Bearer ${org.apiKey}`, 'content-type': 'application/zip' },
        body: makeZip(next.manifest, next.files) as BodyInit,
      }),
      { params: Promise.resolve({}) },
    );
    expect(await res2.json()).toEqual({ imported: 2, errors: [] });
  });

  it('refuses an upload it cannot use as a whole, storing nothing', async () => {
    const org = await createTestOrg(t.db);
    const noManifest = await importFiles(org.apiKey, { 'a.pdf': makePdf('a') });
    expect(noManifest.status).toBe(422);
    expect(noManifest.json.error.message).toMatch(/No CSV manifest/);

    const badHeader = await importFiles(org.apiKey, { 'm.csv': 'code;name\nA;B\n', 'a.pdf': makePdf('a') });
    expect(badHeader.status).toBe(422);
    expect(badHeader.json.error.message).toMatch(/missing: period, recipients, fileName/);

    const notZip = await importFiles(org.apiKey, {
      'x.zip': new TextEncoder().encode('PK\u0003\u0004garbage'),
    });
    expect(notZip.status).toBe(422);

    // Neither multipart nor a ZIP: the media type is refused before the body is read.
    const json = await callRoute(importRoute.POST, { method: 'POST', apiKey: org.apiKey, body: { a: 1 } });
    expect(json.status).toBe(415);
    expect(json.json.error.code).toBe('unsupported_media_type');
    const list = await callRoute(invoicesRoute.GET, { apiKey: org.apiKey });
    expect(list.json.invoices).toEqual([]);
  });

  it('lists with filters and pages, only within the organisation, never with the PDF bytes', async () => {
    const org = await createTestOrg(t.db);
    const other = await createTestOrg(t.db);
    for (const period of ['2025-01', '2025-02']) {
      const batch = makeInvoiceBatch(3, { period });
      await importFiles(org.apiKey, { 'b.zip': makeZip(batch.manifest, batch.files) });
    }
    const get = (query: string, apiKey = org.apiKey) =>
      callRoute(invoicesRoute.GET, { apiKey, path: `/api/v1/invoices${query}` });

    const all = await get('');
    expect(all.json.invoices).toHaveLength(6);
    expect(all.json.invoices[0]).toMatchObject({
      clientCode: 'CCT001',
      period: '2025-02',
      status: 'never_sent',
    });
    expect(all.json.invoices[0].pdf).toBeUndefined();
    expect(all.json.invoices[0].pdfSize).toBeGreaterThan(500);
    expect((await get('?period=2025-01')).json.invoices).toHaveLength(3);
    expect((await get('?clientCode=CCT002')).json.invoices.map((i: { period: string }) => i.period)).toEqual([
      '2025-02',
      '2025-01',
    ]);
    expect((await get('?status=sent')).json.invoices).toEqual([]);
    expect((await get('?status=nope')).status).toBe(400);
    expect((await get('?period=2025-1')).status).toBe(400);
    expect((await get('', other.apiKey)).json.invoices).toEqual([]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(`?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(
        ...page.json.invoices.map(
          (i: { clientCode: string; period: string }) => `${i.period} ${i.clientCode}`,
        ),
      );
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(seen).toEqual(
      all.json.invoices.map((i: { clientCode: string; period: string }) => `${i.period} ${i.clientCode}`),
    );

    const foreignPdf = await invoicePdf.GET(
      new Request('http://localhost/x', { headers: { authorization: `Bearer ${other.apiKey}` } }),
      { params: Promise.resolve({ id: all.json.invoices[0].id }) },
    );
    expect(foreignPdf.status).toBe(404);
  });

  it('documents the invoice and run operations in the OpenAPI document', async () => {
    const doc = (await callRoute(openapi.GET)).json;
    for (const [path, method] of [
      ['/api/v1/invoices/import', 'post'],
      ['/api/v1/invoices', 'get'],
      ['/api/v1/invoices/{id}/pdf', 'get'],
      ['/api/v1/runs', 'post'],
      ['/api/v1/runs', 'get'],
      ['/api/v1/runs/{id}', 'get'],
      ['/api/v1/runs/{id}/events', 'get'],
      ['/api/v1/runs/{id}/cancel', 'post'],
      ['/api/v1/runs/{id}/retry-failed', 'post'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    const start = doc.paths['/api/v1/runs'].post.requestBody.content['application/json'].schema;
    expect(start.required).toEqual(expect.arrayContaining(['kind', 'senderId', 'subject', 'body']));
    const events = doc.paths['/api/v1/runs/{id}/events'].get;
    expect(events.parameters.map((p: { name: string }) => p.name)).toEqual([
      'id',
      'lastEventId',
      'Last-Event-ID',
    ]);
  });
});
