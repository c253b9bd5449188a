// The one way pages show mail HTML: in a sandboxed iframe (no scripts, no forms, no same-origin
// access). Its links open in a new tab (the sanitised document has <base target="_blank">): the
// sandbox allows that popup and lets the opened page out of the sandbox, so it loads as a normal
// page. The HTML must already come from sanitizeMessageHtml (lib/mail): callers sanitise because
// only they know the options (inline images, remote images).
export function HtmlFrame({
  html,
  title,
  className,
  testId,
}: {
  html: string;
  title: string;
  className: string;
  testId?: string;
}) {
  return (
    <iframe
      title={title}
      sandbox="allow-popups allow-popups-to-escape-sandbox"
      srcDoc={html}
      className={`w-full rounded border border-slate-200 bg-white ${className}`}
      data-testid={testId}
    />
  );
}
