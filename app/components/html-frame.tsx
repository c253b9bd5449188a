// The one way pages show mail HTML: in an iframe with an empty sandbox (no scripts, no forms, no
// same-origin access). The HTML must already come from sanitizeMessageHtml (lib/mail): callers
// sanitise because only they know the options (inline images, remote images).
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
      sandbox=""
      srcDoc={html}
      className={`w-full rounded border border-slate-200 bg-white ${className}`}
      data-testid={testId}
    />
  );
}
