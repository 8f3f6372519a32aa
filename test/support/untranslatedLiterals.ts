// Finds user-visible string literals left outside `l10n.t` / `vscode.l10n.t` in TypeScript
// sources: prose anywhere (two words or more), and any text in a place people read (an element's
// text, title, placeholder or accessible name, a button's label, a VS Code notification, a quick
// pick's fields). Code-like places are skipped (class names, selectors, event and attribute
// names, comparisons, object keys, types, imports, console output). A literal that is not for
// people (text sent to Claude, a log line) carries `// not localized: <why>` on its line or the
// line above.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface Literal {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

const MARKER = /\/\/\s*not localized\b/;
/** Two words of letters with a space between them: a phrase, not an identifier. */
const PROSE = /\p{L}{2,}[^\p{L}\n]*\s+[^\p{L}\n]*\p{L}{2,}/u;
/** Where a literal is code: the first argument of these calls. */
const CODE_CALLS = new Set([
  'querySelector', 'querySelectorAll', 'closest', 'matches', 'addEventListener', 'removeEventListener', 'setAttribute', 'getAttribute',
  'removeAttribute', 'hasAttribute', 'toggleAttribute', 'getElementById', 'createElement', 'el', 'add', 'remove', 'toggle', 'contains',
  'executeCommand', 'registerCommand', 'get', 'has', 'getConfiguration', 'inspect', 'update', 'require', 'import', 'split', 'join', 'startsWith',
  'endsWith', 'includes', 'replace', 'replaceAll', 'indexOf', 'test', 'exec', 'RegExp', 'Symbol', 'on', 'once', 'emit', 'spawn', 'execFile',
  'createOutputChannel', 'postMessage', 'postToHost', 'append', 'appendLine', 'trace', 'debug', 'info', 'warn', 'error', 'log',
]);
/** Where a literal is read by people: these properties or attributes, and the first argument of these calls. */
const UI_PROPERTIES = new Set(['textContent', 'innerText', 'title', 'placeholder', 'placeHolder', 'prompt', 'label', 'description', 'detail', 'tooltip', 'message']);
const UI_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'alt']);
const UI_CALLS: Record<string, (index: number) => boolean> = {
  button: (i) => i === 0,
  iconButton: (i) => i === 0,
  flashCopied: (i) => i === 1,
  showInformationMessage: () => true,
  showWarningMessage: () => true,
  showErrorMessage: () => true,
  setStatusBarMessage: (i) => i === 0,
};

function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

function isTranslateCall(node: ts.Node): boolean {
  if (!ts.isCallExpression(node)) return false;
  const e = node.expression;
  return ts.isPropertyAccessExpression(e) && e.name.text === 't' && /(^|\.)l10n$/.test(e.expression.getText());
}

function textOf(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((s) => `{}${s.literal.text}`).join('');
  return undefined;
}

/** Whether the literal stands where people read it (an element's text, a button's label…). */
function inUiPlace(node: ts.Node): boolean {
  let child: ts.Node = node;
  let parent = node.parent;
  // Through `a ?? 'x'`, `c ? 'x' : 'y'`, parentheses and `+` joins.
  while (ts.isConditionalExpression(parent) || ts.isParenthesizedExpression(parent) || (ts.isBinaryExpression(parent) && parent.operatorToken.kind !== ts.SyntaxKind.EqualsToken)) {
    child = parent;
    parent = parent.parent;
  }
  if (ts.isPropertyAssignment(parent) && parent.initializer === child) {
    const name = parent.name.getText().replace(/^['"]|['"]$/g, '');
    return UI_PROPERTIES.has(name) || UI_ATTRIBUTES.has(name);
  }
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === child) {
    return ts.isPropertyAccessExpression(parent.left) && UI_PROPERTIES.has(parent.left.name.text);
  }
  if (ts.isCallExpression(parent)) {
    const name = calleeName(parent);
    const index = parent.arguments.indexOf(child as ts.Expression);
    if (name === 'setAttribute' && index === 1) return UI_ATTRIBUTES.has(textOf(parent.arguments[0]) ?? '');
    return name !== undefined && Object.hasOwn(UI_CALLS, name) && UI_CALLS[name](index);
  }
  return false;
}

/** Whether the literal is code: a key, a type, a comparison, a selector, an event or attribute name… */
function inCodePlace(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent)) return true;
  if (ts.isLiteralTypeNode(parent) || ts.isPropertySignature(parent) || ts.isElementAccessExpression(parent) || ts.isCaseClause(parent)) return true;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)) && parent.name === node) return true;
  if (ts.isBinaryExpression(parent) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.InKeyword].includes(parent.operatorToken.kind)) return true;
  if (ts.isPropertyAssignment(parent) && /^(className|type|kind|id|role|command|key|when)$/.test(parent.name.getText())) return true;
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.[0] === node) {
    const name = calleeName(parent);
    if (name && CODE_CALLS.has(name)) return true;
    if (ts.isPropertyAccessExpression(parent.expression) && parent.expression.expression.getText() === 'console') return true;
  }
  return false;
}

function literalsIn(file: string, source: string): Literal[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const lines = source.split('\n');
  const found: Literal[] = [];
  const visit = (node: ts.Node): void => {
    if (isTranslateCall(node) || ts.isTypeNode(node) || ts.isJSDoc(node)) return;
    const text = textOf(node);
    if (text !== undefined) {
      const line = sf.getLineAndCharacterOfPosition(node.getStart()).line;
      const marked = MARKER.test(lines[line]) || (line > 0 && MARKER.test(lines[line - 1]));
      const visible = inUiPlace(node) ? /\p{L}/u.test(text) : PROSE.test(text) && !inCodePlace(node);
      if (visible && !marked) found.push({ file, line: line + 1, text });
      if (!ts.isTemplateExpression(node)) return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return typeScriptFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every user-visible literal outside `l10n.t` in the TypeScript files under `dirs` (relative to `root`). */
export function untranslatedLiterals(root: string, dirs: readonly string[]): Literal[] {
  return dirs.flatMap((dir) => typeScriptFiles(join(root, dir)).flatMap((path) => literalsIn(relative(root, path), readFileSync(path, 'utf8'))));
}

// `node out/test/support/untranslatedLiterals.js src/host src/webview`: the list, one per line.
if (require.main === module) {
  const root = join(__dirname, '..', '..', '..');
  const hits = untranslatedLiterals(root, process.argv.slice(2).length ? process.argv.slice(2) : ['src/host', 'src/webview']);
  for (const hit of hits) console.log(`${hit.file}:${hit.line}: ${JSON.stringify(hit.text)}`);
  console.log(`${hits.length} untranslated`);
}
