// The files of an import request: multipart/form-data (any field names; a CSV, PDFs, ZIPs), or a
// bare ZIP body (`Content-Type: application/zip`). The body goes to a temporary file through the
// bounded reader first — an upload past the limit is refused (413) as soon as it passes it, with
// nothing of it in memory — and only a body that fits is parsed, from that file.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { badRequest, payloadTooLarge, unsupportedMediaType } from '../api/errors';
import { readBodyToFile } from '../api/read-body';
import {
  MAX_IMPORT_BYTES,
  MAX_UPLOAD_FILES,
  type UnzippedUpload,
  type Upload,
  unzipUpload,
} from './unpack-invoice-upload';

export async function readUploadForm(req: Request): Promise<(Upload | UnzippedUpload)[]> {
  const type = req.headers.get('content-type') ?? '';
  const zip = /^application\/(zip|x-zip-compressed|octet-stream)\s*(;|$)/i.test(type);
  if (!zip && !/^multipart\/form-data\s*;/i.test(type)) {
    throw unsupportedMediaType(
      'Send the manifest and PDFs as multipart/form-data, or one ZIP as application/zip.',
    );
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'mailroom-upload-'));
  try {
    const file = path.join(dir, 'body');
    await readBodyToFile(req, MAX_IMPORT_BYTES, file);
    // A bare ZIP is unpacked straight from the file: the archive itself never sits in memory.
    const uploads = zip
      ? [await unzipUpload('upload.zip', createReadStream(file, { highWaterMark: 1024 * 1024 }))]
      : await readMultipartFile(file, type);
    if (uploads.length === 0) {
      throw badRequest('No file in the upload: send a CSV manifest with its PDFs, or one ZIP.', [
        { path: '(body)', message: 'has no file' },
      ]);
    }
    return uploads;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The file parts of a multipart body stored in `file` (text fields are ignored). */
async function readMultipartFile(file: string, contentType: string): Promise<Upload[]> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': contentType },
      limits: { files: MAX_UPLOAD_FILES, fileSize: MAX_IMPORT_BYTES, fieldSize: 64 * 1024 },
    });
  } catch {
    throw malformed();
  }
  const uploads: Upload[] = [];
  const reading: Promise<void>[] = [];
  let tooMany = false;
  parser.on('file', (_field, stream, info) => {
    reading.push(
      (async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        uploads.push({ name: info.filename ?? 'upload', content: new Uint8Array(Buffer.concat(chunks)) });
      })(),
    );
  });
  parser.on('filesLimit', () => {
    tooMany = true;
  });
  try {
    await pipeline(createReadStream(file), parser);
    await Promise.all(reading);
  } catch {
    throw malformed();
  }
  if (tooMany) throw payloadTooLarge(`An import holds at most ${MAX_UPLOAD_FILES} files.`);
  return uploads;
}

const malformed = () =>
  badRequest('The multipart body could not be read.', [{ path: '(body)', message: 'is malformed' }]);
