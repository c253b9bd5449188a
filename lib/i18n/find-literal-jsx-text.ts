// Finds words written inline in a .tsx file, for lib/i18n/no-literal-jsx-text.test.ts: JSX text,
// and strings given to props a person reads (title, placeholder, aria-label, label, hint, head…).
import path from 'node:path';
import ts from 'typescript';

/** Props whose value is shown to (or read aloud for) a person. */
const READ_PROPS = new Set([
  'title',
  'placeholder',
  'aria-label',
  'aria-description',
  'alt',
  'label',
  'hint',
  'description',
  'empty',
  'head',
  'summary',
]);

/** Words that are the same in every language. */
const ALLOWED = new Set(['Mailroom']);

/** Words, not a code, host or file name given as an example (CCT123, smtp.example.com). */
const hasWords = (text: string) => {
  const t = text.trim();
  if (ALLOWED.has(t) || (/^\S+$/.test(t) && /[\d.@]/.test(t))) return false;
  return /\p{L}{2,}/u.test(t);
};

/** "path:line: text" for each hit; `root` makes the path relative. */
export function findLiteralJsxText(file: string, text: string, root: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const hits: string[] = [];
  const report = (node: ts.Node, value: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    hits.push(`${path.relative(root, file)}:${line + 1}: ${value.trim()}`);
  };
  // String literals in an expression a person reads, except those that are not words on screen:
  // translation keys and other call arguments, comparisons (status === 'sent'), object keys.
  const scanExpression = (node: ts.Node) => {
    if (ts.isCallExpression(node)) return; // t('key'), join(', '), etc.
    if (
      ts.isBinaryExpression(node) &&
      [
        ts.SyntaxKind.EqualsEqualsEqualsToken,
        ts.SyntaxKind.ExclamationEqualsEqualsToken,
        ts.SyntaxKind.EqualsEqualsToken,
        ts.SyntaxKind.ExclamationEqualsToken,
      ].includes(node.operatorToken.kind)
    ) {
      return;
    }
    if (ts.isElementAccessExpression(node) || ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node))
      return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (hasWords(node.text)) report(node, node.text);
      return;
    }
    if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
      if (hasWords(parts)) report(node, node.getText(source));
    }
    ts.forEachChild(node, scanExpression);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text)) report(node, node.text);
    else if (ts.isJsxExpression(node) && !ts.isJsxAttribute(node.parent) && node.expression) {
      scanExpression(node.expression);
    } else if (ts.isJsxAttribute(node) && READ_PROPS.has(node.name.getText(source)) && node.initializer) {
      if (ts.isStringLiteral(node.initializer)) {
        if (hasWords(node.initializer.text)) report(node, node.initializer.text);
      } else if (ts.isJsxExpression(node.initializer) && node.initializer.expression) {
        scanExpression(node.initializer.expression);
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return hits;
}
