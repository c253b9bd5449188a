import { describe, expect, it } from 'vitest';
import { addWithinLimit } from './attachment-selection';

describe('addWithinLimit', () => {
  it('keeps files within the limit and refuses the one that would pass it', () => {
    const a = { name: 'a.pdf', size: 60, lastModified: 1 };
    const b = { name: 'b.pdf', size: 50, lastModified: 1 };
    const c = { name: 'c.pdf', size: 40, lastModified: 1 };
    expect(addWithinLimit([a], [b, c], 100)).toEqual({ files: [a, c], refused: [b] });
    expect(addWithinLimit([], [a, b], 110)).toEqual({ files: [a, b], refused: [] });
  });

  it('keeps the same file once', () => {
    const a = { name: 'a.pdf', size: 60, lastModified: 1 };
    expect(addWithinLimit([a], [{ ...a }], 100)).toEqual({ files: [a], refused: [] });
    const other = { ...a, lastModified: 2 };
    expect(addWithinLimit([], [a, other], 200).files).toHaveLength(2);
  });
});
