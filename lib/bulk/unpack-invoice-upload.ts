// What an invoice import receives — a CSV manifest with loose PDFs, or one ZIP holding both — laid
// out as one manifest and a set of files by path. ZIPs are unpacked as a stream (fflate's Unzip):
// memory holds the unpacked files, never the archive beside them, and every limit is checked on
// the bytes as they inflate, so an archive that lies about its sizes is stopped all the same.
import { Unzip, type UnzipFile, UnzipInflate } from 'fflate';
import { AppError, payloadTooLarge, unprocessable } from '../api/errors';

/** A file as uploaded (a loose PDF or CSV, or a ZIP still packed). */
export type Upload = { name: string; content: Uint8Array };
/** A ZIP already unpacked while it was read (a bare ZIP body): its files by path. */
export type UnzippedUpload = { name: string; files: Map<string, Uint8Array> };
export type UnpackedUpload = { manifestName: string; manifest: string; files: Map<string, Uint8Array> };

export const MAX_PDF_BYTES = 25 * 1024 * 1024;
/** All files of one import together, once unzipped (and the upload as sent). */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;
export const MAX_MANIFEST_BYTES = 10 * 1024 * 1024;
/** Files in one upload (a manifest, its PDFs, ZIPs): a 10,000-invoice import fits twice. */
export const MAX_UPLOAD_FILES = 20_000;
const MB = 1024 * 1024;

export async function unpackInvoiceUpload(uploads: (Upload | UnzippedUpload)[]): Promise<UnpackedUpload> {
  const files = new Map<string, Uint8Array>();
  let total = 0;
  const add = (name: string, content: Uint8Array) => {
    total += content.byteLength;
    if (total > MAX_IMPORT_BYTES) {
      throw payloadTooLarge(`An import holds at most ${MAX_IMPORT_BYTES / MB} MB of files.`);
    }
    files.set(name, content);
  };

  for (const upload of uploads) {
    if ('files' in upload) {
      for (const [name, content] of upload.files) add(name, content);
    } else if (isZip(upload)) {
      for (const [name, content] of (
        await unzipUpload(upload.name, [upload.content], MAX_IMPORT_BYTES - total)
      ).files)
        add(name, content);
    } else {
      add(baseName(upload.name), upload.content);
    }
  }

  const manifests = [...files.keys()].filter((name) => /\.(csv|txt)$/i.test(name));
  if (manifests.length === 0) {
    throw unprocessable('No CSV manifest in the upload: add a .csv file (or put one in the ZIP).');
  }
  if (manifests.length > 1) {
    throw unprocessable(`Several CSV manifests in the upload (${manifests.join(', ')}): send one.`);
  }
  const manifestName = manifests[0]!;
  const bytes = files.get(manifestName)!;
  files.delete(manifestName);
  if (bytes.byteLength > MAX_MANIFEST_BYTES) throw payloadTooLarge('The CSV manifest is larger than 10 MB.');
  return { manifestName, manifest: decodeText(bytes), files };
}

function isZip(upload: Upload): boolean {
  const c = upload.content;
  return /\.zip$/i.test(upload.name) || (c[0] === 0x50 && c[1] === 0x4b && c[2] === 0x03 && c[3] === 0x04);
}

/**
 * Unpacks a ZIP from its chunks as they come, keeping at most `budget` bytes of unpacked files.
 * Folders and the metadata macOS adds to archives are skipped.
 */
export async function unzipUpload(
  name: string,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  budget = MAX_IMPORT_BYTES,
): Promise<UnzippedUpload> {
  const files = new Map<string, Uint8Array>();
  let unpacked = 0;
  let entries = 0;
  let failure: AppError | undefined;
  const fail = (error: AppError) => {
    failure ??= error;
  };
  const unzipper = new Unzip((file: UnzipFile) => {
    entries++;
    if (failure || file.name.endsWith('/') || /(^|\/)(__MACOSX\/|\.DS_Store$)/.test(file.name)) return;
    if (entries > MAX_UPLOAD_FILES)
      return fail(payloadTooLarge(`${name} holds more than ${MAX_UPLOAD_FILES} files.`));
    const limit = /\.(csv|txt)$/i.test(file.name) ? MAX_MANIFEST_BYTES : MAX_PDF_BYTES;
    const tooBig = () => payloadTooLarge(`${file.name} is larger than ${limit / MB} MB.`);
    if ((file.originalSize ?? 0) > limit) return fail(tooBig());
    const parts: Uint8Array[] = [];
    let size = 0;
    file.ondata = (error, data, final) => {
      // After a failure nothing more is kept, and this file stops inflating.
      if (failure) return file.terminate();
      if (error) return fail(unprocessable(`${name} is not a readable ZIP archive (${file.name}).`));
      size += data.byteLength;
      unpacked += data.byteLength;
      if (size > limit) return fail(tooBig());
      if (unpacked > budget)
        return fail(payloadTooLarge(`${name} unpacks to more than ${MAX_IMPORT_BYTES / MB} MB.`));
      parts.push(data);
      if (final) files.set(file.name, Buffer.concat(parts));
    };
    try {
      file.start();
    } catch {
      fail(unprocessable(`${name}: ${file.name} is compressed in a way Mailroom cannot read.`));
    }
  });
  unzipper.register(UnzipInflate);
  try {
    for await (const chunk of chunks) {
      unzipper.push(chunk);
      if (failure) throw failure;
    }
    unzipper.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unprocessable(`${name} is not a readable ZIP archive.`);
  }
  if (failure) throw failure;
  if (entries === 0) throw unprocessable(`${name} is not a readable ZIP archive.`);
  return { name, files };
}

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

/** UTF-8 (with or without BOM), else Windows-1252, which spreadsheets still export. */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
