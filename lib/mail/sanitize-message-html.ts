// Received HTML as it may be shown: no scripts, forms, frames, event handlers or remote loads
// (remote images only when asked), cid: images inlined from the message's own attachments. The
// result goes into a sandbox="" iframe, with a CSP that forbids anything the sanitiser missed.
import sanitizeHtml from 'sanitize-html';

export type InlineImage = { contentId: string; contentType: string; content: Buffer };

const MAX_INLINE_IMAGE_BYTES = 2 * 1024 * 1024;

export function sanitizeMessageHtml(
  html: string,
  options: { inlineImages?: InlineImage[]; allowRemoteImages?: boolean } = {},
): string {
  const images = new Map<string, string>();
  for (const img of options.inlineImages ?? []) {
    if (img.contentType.startsWith('image/') && img.content.length <= MAX_INLINE_IMAGE_BYTES) {
      images.set(
        img.contentId.toLowerCase(),
        `data:${img.contentType};base64,${img.content.toString('base64')}`,
      );
    }
  }
  const clean = sanitizeHtml(html, {
    allowedTags: [
      ...sanitizeHtml.defaults.allowedTags,
      'img',
      'font',
      'center',
      'span',
      'u',
      's',
      'del',
      'ins',
    ],
    allowedAttributes: {
      '*': ['style', 'align', 'valign', 'width', 'height', 'bgcolor', 'color', 'dir', 'lang', 'title'],
      a: ['href', 'name'],
      img: ['src', 'alt', 'width', 'height', 'border'],
      font: ['face', 'size', 'color'],
      table: ['border', 'cellpadding', 'cellspacing', 'summary'],
      td: ['colspan', 'rowspan', 'nowrap'],
      th: ['colspan', 'rowspan', 'nowrap', 'scope'],
    },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: {
      img: options.allowRemoteImages ? ['data', 'cid', 'http', 'https'] : ['data', 'cid'],
    },
    allowProtocolRelative: false,
    transformTags: {
      img: (tagName, attribs) => {
        const src = attribs.src ?? '';
        if (/^cid:/i.test(src)) {
          const inline = images.get(src.slice(4).replace(/^<|>$/g, '').toLowerCase());
          return {
            tagName,
            attribs: safeStyle(inline ? { ...attribs, src: inline } : { alt: attribs.alt ?? '' }),
          };
        }
        return { tagName, attribs: safeStyle(attribs) };
      },
      '*': (tagName, attribs) => ({ tagName, attribs: safeStyle(attribs) }),
    },
  });
  const imgSrc = options.allowRemoteImages ? 'data: https: http:' : 'data:';
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${imgSrc}; style-src 'unsafe-inline'; font-src data:"><base target="_blank"><style>body{font-family:system-ui,sans-serif;font-size:14px;margin:12px;word-wrap:break-word}img{max-width:100%;height:auto}</style></head><body>${clean}</body></html>`;
}

/** Inline CSS that could fetch (url(), @import) or run legacy expressions is dropped whole. */
function safeStyle(attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes {
  if (attribs.style && /url\s*\(|expression\s*\(|@import|javascript:|behavior\s*:/i.test(attribs.style)) {
    const { style: _dropped, ...rest } = attribs;
    return rest;
  }
  return attribs;
}
