// No page writes its words inline: text in JSX, and the strings given to props a person reads
// (title, placeholder, aria-label, label, hint, head…), come from the catalogues. The test reads
// every app/**/*.tsx with the TypeScript parser; a hit names the file, line and text.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLiteralJsxText } from './find-literal-jsx-text';

const root = path.resolve(import.meta.dirname, '../..');
const literalTexts = (file: string, text: string) => findLiteralJsxText(file, text, root);

describe('pages write no words of their own', () => {
  it('finds the literal text this test exists to catch', () => {
    const sample = `export const A = () => (
      <div title="Hello there">
        Inline words <Field label={'Name'} hint={ok ? 'Looks fine' : t('x')} />
        {status === 'sent' ? t('sent') : 'Not sent'} {t('key')} {' · '}
      </div>
    );`;
    expect(literalTexts(path.join(root, 'app/sample.tsx'), sample).map((h) => h.split(': ')[1])).toEqual([
      'Hello there',
      'Inline words',
      'Name',
      'Looks fine',
      'Not sent',
    ]);
  });

  it('holds for every page and component under app/', () => {
    const files = readdirSync(path.join(root, 'app'), { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && d.name.endsWith('.tsx'))
      .map((d) => path.join(d.parentPath, d.name));
    expect(files.length).toBeGreaterThan(40);
    const hits = files.flatMap((file) => literalTexts(file, readFileSync(file, 'utf8')));
    expect(hits).toEqual([]);
  });
});
