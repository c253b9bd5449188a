import { describe, expect, it } from 'vitest';
import { composedBody, editorHtmlOf, sanitizeComposedHtml } from './composed-body';

describe('sanitizeComposedHtml', () => {
  it('keeps what the editor makes', () => {
    const html =
      '<p>Hello <strong>bold</strong> <em>it</em></p><ul><li><p>one</p></li></ul><ol start="3"><li>x</li></ol><blockquote><p>q</p></blockquote><p><a href="https://example.test/a">link</a></p>';
    expect(sanitizeComposedHtml(html)).toBe(html);
  });

  it('drops scripts, handlers, styles, images, forms and unsafe links', () => {
    const clean = sanitizeComposedHtml(
      '<p onclick="x()" style="color:red">Hi<script>alert(1)</script></p><img src="https://t.example/p.gif"><form><input name="a"></form><a href="javascript:alert(1)" target="_blank">bad</a><style>p{}</style>',
    );
    expect(clean).toBe('<p>Hi</p><a>bad</a>');
  });
});

describe('composedBody', () => {
  it('derives the text part from the HTML', () => {
    const body = composedBody('<p>Hello <strong>world</strong></p><ul><li><p>milk</p></li></ul>');
    expect(body.html).toBe('<p>Hello <strong>world</strong></p><ul><li><p>milk</p></li></ul>');
    expect(body.text).toContain('Hello world');
    expect(body.text).toContain('* milk');
  });

  it('is empty when only blank space was written', () => {
    expect(composedBody('<p></p>')).toEqual({});
    expect(composedBody('<p> <br></p><script>x</script>')).toEqual({});
    expect(composedBody(undefined)).toEqual({});
  });
});

describe('editorHtmlOf', () => {
  it('opens what the editor made as it is', () => {
    const html = '<p>Hello <strong>bold</strong></p><ul><li><p>one</p></li></ul>';
    expect(editorHtmlOf({ html, text: 'Hello bold' })).toBe(html);
  });

  it('opens a text-only body as paragraphs, escaped', () => {
    expect(editorHtmlOf({ html: null, text: 'Bonjour <tous>,\nà samedi.\n\nLa direction' })).toBe(
      '<p>Bonjour &#60;tous&#62;,<br>à samedi.</p><p>La direction</p>',
    );
    expect(editorHtmlOf({ html: null, text: null })).toBe('');
  });

  it('refuses HTML it would lose parts of', () => {
    expect(editorHtmlOf({ html: '<table><tr><td>Total</td></tr></table>', text: 'Total' })).toBeNull();
    expect(editorHtmlOf({ html: '<p style="color:red">Hi</p>', text: 'Hi' })).toBeNull();
  });
});
