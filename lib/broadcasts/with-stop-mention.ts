// The STOP mention of a group message's SMS: in France a marketing SMS must offer a free, simple way
// to object (Code des postes et des communications électroniques, L34-5; CNIL), which operators and
// providers implement as a mention such as "STOP au 36180", with the number the provider gives. It
// is appended on a line of its own to group messages only, as the email's List-Unsubscribe is: an
// SMS to one parent about their child is not marketing. A reply of STOP is honoured either way.

/** The text with the mention on a line of its own, or the text as it is without a mention. */
export function withStopMention(text: string, mention: string | null | undefined): string {
  const m = mention?.trim();
  return m ? `${text.trimEnd()}\n${m}` : text;
}
