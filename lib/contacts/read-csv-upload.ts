// The CSV of a contact import: the request body itself (text/csv), or the one file of a
// multipart/form-data form (the import page). Read through the bounded reader, decoded as UTF-8.
import { badRequest, unsupportedMediaType } from '../api/errors';
import { readBodyBytes } from '../api/read-body';

export const MAX_CONTACTS_CSV_BYTES = 20 * 1024 * 1024;

export async function readCsvUpload(req: Request): Promise<string> {
  const type = req.headers.get('content-type') ?? '';
  if (/^text\/(csv|plain)\s*(;|$)/i.test(type))
    return decode(await readBodyBytes(req, MAX_CONTACTS_CSV_BYTES));
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw unsupportedMediaType('Send the CSV as text/csv, or as the file of a multipart/form-data form.');
  }
  const bytes = await readBodyBytes(req, MAX_CONTACTS_CSV_BYTES);
  const form = await new Response(new Uint8Array(bytes), { headers: { 'content-type': type } })
    .formData()
    .catch(() => {
      // No boundary, or a body that is not the multipart it says it is: the client's mistake.
      throw badRequest('The multipart/form-data body cannot be read.', [
        { path: '(body)', message: 'is not a readable multipart/form-data body' },
      ]);
    });
  const files = [...form.values()].filter((v): v is File => typeof v !== 'string');
  if (files.length !== 1) {
    throw badRequest('Send exactly one CSV file.', [
      { path: '(body)', message: `has ${files.length} files` },
    ]);
  }
  return decode(new Uint8Array(await files[0]!.arrayBuffer()));
}

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badRequest('The CSV file must be UTF-8 text.', [{ path: '(body)', message: 'is not UTF-8' }]);
  }
}
