// A file the browser saves, never renders: an HTML or SVG attachment must not run in our origin.
export function downloadResponse(filename: string, content: Uint8Array): Response {
  return new Response(new Uint8Array(content), {
    headers: {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
