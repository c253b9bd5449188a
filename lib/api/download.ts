// The one way a stored file (an outbox attachment, a received mail's attachment or source, a
// preview message's file) goes to the browser: always a download, never rendered on our origin
// (an HTML or SVG file must not run here), never sniffed, sandboxed if a browser opens it anyway,
// not kept in shared caches, the name encoded per RFC 6266.
export function downloadResponse(
  content: Uint8Array,
  filename: string,
  contentType = 'application/octet-stream',
): Response {
  const safeType = /^[\w.+-]+\/[\w.+-]+$/.test(contentType) ? contentType : 'application/octet-stream';
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_') || 'download';
  return new Response(new Uint8Array(content), {
    status: 200,
    headers: {
      'content-type': safeType,
      'content-length': String(content.byteLength),
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'private, no-store',
    },
  });
}
