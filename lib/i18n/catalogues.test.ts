// The catalogues and the code agree: both languages have the same keys with the same ICU
// arguments, every key the code names exists, no key is left unused, and the French is written
// as a French product writes it (narrow no-break spaces before : ; ? ! and inside « », ’).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './messages/en.json';
import fr from './messages/fr.json';
import { scanMessageKeys } from './scan-message-keys';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const root = path.resolve(import.meta.dirname, '../..');
function sources(dir: string): { path: string; text: string }[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && /\.tsx?$/.test(d.name) && !/\.test\.tsx?$/.test(d.name))
    .map((d) => path.join(d.parentPath, d.name))
    .map((file) => ({ path: file, text: readFileSync(file, 'utf8') }));
}

const english = flatten(en as Tree);
const french = flatten(fr as Tree);
/** The ICU arguments and rich-text tags of a message ("{count, plural, one {…}}", "<strong>"). */
function icuArguments(message: string): string[] {
  const found = new Set<string>();
  // Reads message text until the `}` closing it (or the end); returns where it stopped.
  const text = (i: number): number => {
    while (i < message.length && message[i] !== '}') {
      const rest = message.slice(i);
      const tag = /^<\/?(\w+)>/.exec(rest);
      const arg = /^\{\s*(\w+)\s*(?:,\s*(\w+)\s*)?/.exec(rest);
      // A tag is a pair (<strong>…</strong>); a lone "<key>" is text, shown with t.raw().
      if (tag && (rest.startsWith('</') || message.includes(`</${tag[1]}>`))) {
        found.add(`<${tag[1]}>`);
        i += tag[0].length;
      } else if (arg) {
        found.add(arg[1]!);
        i += arg[0].length;
        if (['plural', 'select', 'selectordinal'].includes(arg[2] ?? '')) {
          // branches: `one {…} other {…}`, each a message of its own
          while (i < message.length && message[i] !== '}') i = message[i] === '{' ? text(i + 1) + 1 : i + 1;
        } else {
          while (i < message.length && message[i] !== '}') i++;
        }
        i++;
      } else i++;
    }
    return i;
  };
  text(0);
  return [...found].sort();
}

describe('message catalogues', () => {
  it('have the same keys in English and French', () => {
    expect(
      [...french.keys()].filter((k) => !english.has(k)),
      'only in fr.json',
    ).toEqual([]);
    expect(
      [...english.keys()].filter((k) => !french.has(k)),
      'only in en.json',
    ).toEqual([]);
  });

  it('take the same arguments and tags in both languages', () => {
    const differ = [...english].filter(
      ([key, message]) => icuArguments(message).join() !== icuArguments(french.get(key) ?? '').join(),
    );
    expect(differ.map(([key]) => key)).toEqual([]);
  });

  const usage = scanMessageKeys([...sources('app'), ...sources('lib')]);

  it('hold every key the code uses', () => {
    expect(usage.literal.size).toBeGreaterThan(300);
    expect([...usage.literal].filter((k) => !english.has(k)).sort()).toEqual([]);
  });

  it('hold no key the code never uses', () => {
    const dynamic = [...usage.dynamicPrefixes];
    const orphans = [...english.keys()].filter(
      (k) => !usage.literal.has(k) && !dynamic.some((prefix) => k.startsWith(prefix)),
    );
    expect(orphans.sort()).toEqual([]);
  });

  it('write French typography', () => {
    const bad = [...french].filter(
      ([, m]) =>
        /[ \u00a0][:;?!»]/.test(m) || // a plain or wide no-break space before high punctuation
        /«[ \u00a0]/.test(m) ||
        /'/.test(m) || // the apostrophe is ’ (and ICU reads ' as a quote)
        /"/.test(m) ||
        /\w[;?!](\s|$)/.test(m),
    );
    expect(bad.map(([k, m]) => `${k}: ${m}`)).toEqual([]);
  });

  it('use no ICU quoting by accident in English', () => {
    expect([...english].filter(([, m]) => /'[{}#]/.test(m)).map(([k]) => k)).toEqual([]);
  });
});
