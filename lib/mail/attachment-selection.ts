// The files chosen for a message before it is sent (dropped or picked, in that order): a file
// that would take the total over the limit is refused, with the others kept; the same file
// chosen twice is kept once.

export type ChosenFile = { name: string; size: number; lastModified?: number };

export function addWithinLimit<F extends ChosenFile>(
  current: F[],
  added: F[],
  maxBytes: number,
): { files: F[]; refused: F[] } {
  const files = [...current];
  const refused: F[] = [];
  let total = current.reduce((n, f) => n + f.size, 0);
  for (const file of added) {
    const same = files.some(
      (f) => f.name === file.name && f.size === file.size && f.lastModified === file.lastModified,
    );
    if (same) continue;
    if (total + file.size > maxBytes) {
      refused.push(file);
      continue;
    }
    files.push(file);
    total += file.size;
  }
  return { files, refused };
}
