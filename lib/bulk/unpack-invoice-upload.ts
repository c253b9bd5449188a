// What an invoice import receives — a CSV manifest with loose PDFs, or one ZIP holding both — laid
// out as one manifest and a set of files by path. Sizes are checked before anything is inflated.
import { unzipSync } from 'fflate';
import { payloadTooLarge, unprocessable } from '../api/errors';

export type Upload = { name: string; content: Uint8Array };
export type UnpackedUpload = { manifestName: string; manifest: string; files: Map<string, Uint8Array> };

export const MAX_PDF_BYTES = 25 * 1024 * 1024;
/** All files of one import together, once unzipped. */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;
export const MAX_MANIFEST_BYTES = 10 * 1024 * 1024;
/** Files in one upload (a manifest, its PDFs, ZIPs): a 10,000-invoice import fits twice. */
export const MAX_UPLOAD_FILES = 20_000;

export function unpackInvoiceUpload(uploads: Upload[]): UnpackedUpload {
  const files = new Map<string, Uint8Array>();
  let total = 0;
  const add = (name: string, content: Uint8Array) => {
    total += content.byteLength;
    if (total > MAX_IMPORT_BYTES) {
      throw payloadTooLarge(`An import holds at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB of files.`);
    }
    files.set(name, content);
  };

  for (const upload of uploads) {
    if (isZip(upload)) {
      for (const [name, content] of Object.entries(unzip(upload))) add(name, content);
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

function unzip(upload: Upload): Record<string, Uint8Array> {
  let declared = 0;
  try {
    return unzipSync(upload.content, {
      filter: (file) => {
        // Folders, and the metadata macOS adds to archives it makes, are not invoices.
        if (file.name.endsWith('/') || /(^|\/)(__MACOSX\/|\.DS_Store$)/.test(file.name)) return false;
        declared += file.originalSize;
        if (file.originalSize > MAX_PDF_BYTES && !/\.(csv|txt)$/i.test(file.name)) {
          throw payloadTooLarge(`${file.name} is larger than ${MAX_PDF_BYTES / 1024 / 1024} MB.`);
        }
        if (declared > MAX_IMPORT_BYTES) {
          throw payloadTooLarge(`${upload.name} unpacks to more than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'AppError') throw error;
    throw unprocessable(`${upload.name} is not a readable ZIP archive.`);
  }
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
