// A mail's plain text as mail clients show it: the app's proportional font (not a typewriter's),
// its line breaks kept, long lines and long words wrapped to the width, web addresses as links.
import { LinkedText } from './linked-text';

export function PlainText({ text, testId }: { text: string; testId?: string }) {
  return (
    <div
      className="whitespace-pre-wrap font-sans text-sm leading-relaxed [overflow-wrap:anywhere]"
      data-testid={testId}
    >
      <LinkedText text={text} />
    </div>
  );
}
