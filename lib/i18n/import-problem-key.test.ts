import { describe, expect, it } from 'vitest';
import { invoiceRow } from '../bulk/invoices.schema';
import { unpackInvoiceUpload } from '../bulk/unpack-invoice-upload';
import { importErrorKey, importProblemKey } from './import-problem-key';

describe('importProblemKey', () => {
  it("reads back the row schema's own messages", () => {
    const parsed = invoiceRow.safeParse({
      clientCode: '',
      clientName: 'X',
      period: '2025-13',
      recipients: 'nope',
      fileName: 'a.pdf',
    });
    expect(parsed.success).toBe(false);
    const problems = [...new Set(parsed.error!.issues.map((i) => i.message))];
    expect(problems.length).toBeGreaterThanOrEqual(3);
    for (const p of problems) expect(importProblemKey(p), p).toBeDefined();
  });
  it('takes the values out of the sentence', () => {
    expect(importProblemKey('bad period "2025-13" (expected YYYY-MM)')).toEqual({
      key: 'badPeriod',
      values: { value: '2025-13' },
      column: undefined,
    });
    expect(importProblemKey('client code is longer than 64 characters')).toEqual({
      key: 'tooLong',
      values: { max: 64 },
      column: 'client code',
    });
    expect(importProblemKey('something new')).toBeUndefined();
  });
});

describe('importErrorKey', () => {
  it("reads back the import's refusals as a whole", async () => {
    let refusal = '';
    try {
      await unpackInvoiceUpload([{ name: 'a.pdf', content: new Uint8Array([37]) }]);
    } catch (error) {
      refusal = (error as Error).message;
    }
    expect(importErrorKey(refusal)?.key).toBe('noManifest');
    expect(importErrorKey('The CSV manifest cannot be read at line 3: Invalid Closing Quote')).toEqual({
      key: 'unreadable',
      values: { line: '3', detail: 'Invalid Closing Quote' },
    });
    expect(importErrorKey('factures.zip unpacks to more than 200 MB.')?.key).toBe('unpacksTooLarge');
    expect(importErrorKey('CCT1/F.pdf is larger than 10 MB.')?.values).toEqual({
      name: 'CCT1/F.pdf',
      size: '10',
    });
  });
});
