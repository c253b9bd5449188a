// The files of an import request: multipart/form-data (any field names; a CSV, PDFs, ZIPs), or a
// bare ZIP body (`Content-Type: application/zip`). Refuses oversized bodies before reading them.
import { badRequest, payloadTooLarge } from '../api/errors';
import { MAX_IMPORT_BYTES, type Upload } from './unpack-invoice-upload';

export async function readUploadForm(req: Request): Promise<Upload[]> {
  const length = Number(req.headers.get('content-length') ?? 0);
  if (length > MAX_IMPORT_BYTES) {
    throw payloadTooLarge(`An import is at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
  }
  const type = req.headers.get('content-type') ?? '';
  if (/^application\/(zip|x-zip-compressed|octet-stream)/i.test(type)) {
    return [{ name: 'upload.zip', content: new Uint8Array(await req.arrayBuffer()) }];
  }
  if (!/^multipart\/form-data/i.test(type)) {
    throw badRequest('Send the manifest and PDFs as multipart/form-data, or one ZIP as application/zip.', [
      { path: '(body)', message: 'is not multipart/form-data or application/zip' },
    ]);
  }
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    throw badRequest('The multipart body could not be read.', [{ path: '(body)', message: 'is malformed' }]);
  }
  const uploads: Upload[] = [];
  for (const value of form.values()) {
    if (typeof value === 'string') continue;
    uploads.push({ name: value.name, content: new Uint8Array(await value.arrayBuffer()) });
  }
  if (uploads.length === 0) {
    throw badRequest('No file in the upload: send a CSV manifest with its PDFs, or one ZIP.', [
      { path: '(body)', message: 'has no file' },
    ]);
  }
  return uploads;
}
