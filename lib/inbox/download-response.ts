// A file from received mail, as a download: always an attachment (never rendered on our origin),
// never sniffed, sandboxed if a browser opens it anyway; the name encoded per RFC 6266.
export function downloadResponse(content: Buffer, filename: string, contentType: string): Response {
  const safeType = /^[\w.+-]+\/[\w.+-]+$/.test(contentType) ? contentType : 'application/octet-stream';
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_') || 'download';
  return new Response(new Uint8Array(content), {
    status: 200,
    headers: {
      'content-type': safeType,
      'content-length': String(content.length),
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'private, no-store',
    },
  });
}
