// The text of an address box ("Ann <a@x.test>, bo") as the completion list edits it: the part being
// typed is the one after the last separator, and picking a suggestion writes it whole in its place.
// Separators are those the compose form splits on (comma, semicolon, new line).

export type PickedAddress = { address: string; name?: string | null };

const SEPARATOR = /[,;\n]/;

/** The address being typed: the text after the last separator, trimmed. */
export function typedPart(value: string): string {
  const parts = value.split(SEPARATOR);
  return (parts[parts.length - 1] ?? '').trim();
}

/** `Name <address>`; characters that would split or break the list are left out of the name. */
export function formatAddress({ address, name }: PickedAddress): string {
  const clean = (name ?? '')
    .replace(/[",;<>\r\n]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean ? `${clean} <${address}>` : address;
}

/** The box's text with the part being typed replaced by the picked address, ready for the next. */
export function withPickedAddress(value: string, picked: PickedAddress): string {
  const cut = Math.max(value.lastIndexOf(','), value.lastIndexOf(';'), value.lastIndexOf('\n'));
  const before = cut < 0 ? '' : `${value.slice(0, cut + 1).trimEnd()} `;
  return `${before}${formatAddress(picked)}, `;
}
