// Invoice imports for tests and benchmarks: small valid PDFs, manifests, ZIPs.
import { zipSync } from 'fflate';

/** A PDF that any check by signature accepts, padded to about `size` bytes. */
export function makePdf(label: string, size = 600): Uint8Array {
  const head = `%PDF-1.4\n% ${label}\n1 0 obj << /Type /Catalog >> endobj\n`;
  const tail = '\ntrailer << /Root 1 0 R >>\n%%EOF\n';
  const padding = Math.max(0, size - head.length - tail.length);
  // Not compressible, like a real PDF's streams.
  let filler = '';
  while (filler.length < padding) filler += Math.random().toString(36).slice(2);
  return new TextEncoder().encode(head + filler.slice(0, padding) + tail);
}

export type ManifestRow = {
  clientCode: string;
  clientName: string;
  period: string;
  recipients: string;
  fileName: string;
};

export function makeManifest(rows: ManifestRow[], delimiter = ';'): string {
  const quote = (v: string) => (v.includes(delimiter) || v.includes('"') ? `"${v.replace(/"/g, '""')}"` : v);
  return [
    ['client_code', 'client_name', 'period', 'recipients', 'file_name'].join(delimiter),
    ...rows.map((r) =>
      [r.clientCode, r.clientName, r.period, r.recipients, r.fileName].map(quote).join(delimiter),
    ),
  ].join('\n');
}

/** `count` invoices CCT001… for one period, each with its own PDF named FACTURE_<period>.pdf in a folder. */
export function makeInvoiceBatch(
  count: number,
  options: { period?: string; pdfSize?: number; recipients?: (i: number) => string } = {},
) {
  const period = options.period ?? '2025-01';
  const fileName = `FACTURE_${period.replace('-', '_')}.pdf`;
  const rows: ManifestRow[] = [];
  const files: Record<string, Uint8Array> = {};
  for (let i = 1; i <= count; i++) {
    const code = `CCT${String(i).padStart(3, '0')}`;
    rows.push({
      clientCode: code,
      clientName: `Client ${i}`,
      period,
      recipients: options.recipients?.(i) ?? `billing${i}@client${i}.example`,
      fileName: `${code}/${fileName}`,
    });
    files[`${code}/${fileName}`] = makePdf(`${code} ${period}`, options.pdfSize);
  }
  return { rows, files, manifest: makeManifest(rows) };
}

export function makeZip(manifest: string, files: Record<string, Uint8Array>): Uint8Array {
  return zipSync({ 'manifest.csv': new TextEncoder().encode(manifest), ...files }, { level: 1 });
}

export function uploadForm(parts: Record<string, string | Uint8Array>): FormData {
  const form = new FormData();
  for (const [name, content] of Object.entries(parts)) {
    form.append('files', new File([content as BlobPart], name));
  }
  return form;
}
