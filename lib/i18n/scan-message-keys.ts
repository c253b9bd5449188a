// Finds the catalogue keys the code uses, for lib/i18n/catalogues.test.ts: every call of a
// next-intl translator (`t('key')`, `t.rich('key', …)`) whose translator came from
// useTranslations('ns') / getTranslations('ns') / getTranslator(locale), and pageTitle('key').
// A key that is not a string literal (t(status)) makes its whole namespace — or, for a template
// literal, the prefix before the first substitution — count as used.
import ts from 'typescript';

export type KeyUsage = { literal: Set<string>; dynamicPrefixes: Set<string> };

const TRANSLATOR_FACTORIES = new Set(['useTranslations', 'getTranslations']);
const ROOT_FACTORIES = new Set(['getTranslator', 'createTranslator']);

export function scanMessageKeys(files: { path: string; text: string }[]): KeyUsage {
  const usage: KeyUsage = { literal: new Set(), dynamicPrefixes: new Set() };
  for (const file of files)
    scanFile(ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true), usage);
  return usage;
}

/** The namespace a translator factory call binds ('' for a root translator), or undefined. */
function namespaceOf(expression: ts.Expression | undefined): string | undefined {
  let e = expression;
  while (e && (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e))) e = e.expression;
  if (!e || !ts.isCallExpression(e) || !ts.isIdentifier(e.expression)) return undefined;
  const name = e.expression.text;
  if (ROOT_FACTORIES.has(name)) return '';
  if (!TRANSLATOR_FACTORIES.has(name)) return undefined;
  const [arg] = e.arguments;
  return arg && ts.isStringLiteralLike(arg) ? arg.text : '';
}

function scanFile(source: ts.SourceFile, usage: KeyUsage) {
  // Type aliases such as `type RunLogT = ReturnType<typeof useTranslations<'runLog'>>`.
  const aliasNamespaces = new Map<string, string>();
  // Translator names bound in a scope (a function, or the file), nearest scope wins.
  const bindings = new Map<ts.Node, Map<string, string>>();
  const scopeOf = (node: ts.Node): ts.Node => {
    let n: ts.Node | undefined = node.parent;
    while (n && !ts.isFunctionLike(n) && !ts.isSourceFile(n)) n = n.parent;
    return n ?? source;
  };
  const bind = (node: ts.Node, name: string, ns: string) => {
    const scope = scopeOf(node);
    if (!bindings.has(scope)) bindings.set(scope, new Map());
    bindings.get(scope)!.set(name, ns);
  };
  const lookup = (node: ts.Node, name: string): string | undefined => {
    for (let n: ts.Node | undefined = node; n; n = n.parent) {
      if (ts.isFunctionLike(n) || ts.isSourceFile(n)) {
        const found = bindings.get(n)?.get(name);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };

  const collect = (node: ts.Node) => {
    if (ts.isTypeAliasDeclaration(node)) {
      const m = /useTranslations<'([\w.-]+)'>/.exec(node.type.getText(source));
      if (m) aliasNamespaces.set(node.name.text, m[1]!);
    }
    if (ts.isVariableDeclaration(node) && node.initializer) {
      if (ts.isIdentifier(node.name)) {
        const ns = namespaceOf(node.initializer);
        if (ns !== undefined) bind(node, node.name.text, ns);
      } else if (ts.isArrayBindingPattern(node.name)) {
        // const [t, tc] = await Promise.all([getTranslations('a'), getTranslations('b')])
        let init: ts.Expression = node.initializer;
        while (ts.isAwaitExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression;
        const list = ts.isCallExpression(init) ? init.arguments[0] : undefined;
        if (list && ts.isArrayLiteralExpression(list)) {
          node.name.elements.forEach((element, i) => {
            if (ts.isBindingElement(element) && ts.isIdentifier(element.name)) {
              const ns = namespaceOf(list.elements[i]);
              if (ns !== undefined) bind(element, element.name.text, ns);
            }
          });
        }
      }
    }
    ts.forEachChild(node, collect);
  };
  collect(source);

  const bindParameters = (node: ts.Node) => {
    if (
      ts.isParameter(node) &&
      ts.isIdentifier(node.name) &&
      node.type &&
      ts.isTypeReferenceNode(node.type)
    ) {
      const ns = aliasNamespaces.get(node.type.typeName.getText(source));
      if (ns !== undefined) {
        const fn = node.parent;
        if (!bindings.has(fn)) bindings.set(fn, new Map());
        bindings.get(fn)!.set(node.name.text, ns);
      }
    }
    ts.forEachChild(node, bindParameters);
  };
  bindParameters(source);

  const record = (ns: string, arg: ts.Expression | undefined) => {
    const prefix = ns ? `${ns}.` : '';
    if (!arg) return;
    if (ts.isStringLiteralLike(arg)) usage.literal.add(prefix + arg.text);
    else if (ts.isConditionalExpression(arg)) {
      record(ns, arg.whenTrue);
      record(ns, arg.whenFalse);
    } else if (ts.isParenthesizedExpression(arg) || ts.isAsExpression(arg)) record(ns, arg.expression);
    else if (ts.isTemplateExpression(arg)) usage.dynamicPrefixes.add(prefix + arg.head.text);
    else usage.dynamicPrefixes.add(prefix);
  };

  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      let callee = node.expression;
      // t.rich / t.markup / t.raw use keys too; t.has only asks.
      if (ts.isPropertyAccessExpression(callee) && ['rich', 'markup', 'raw'].includes(callee.name.text)) {
        callee = callee.expression;
      }
      if (ts.isIdentifier(callee)) {
        if (callee.text === 'pageTitle') record('titles', node.arguments[0]);
        else {
          const ns = lookup(node, callee.text);
          if (ns !== undefined) record(ns, node.arguments[0]);
        }
      } else {
        const ns = namespaceOf(callee);
        if (ns !== undefined) record(ns, node.arguments[0]);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}
