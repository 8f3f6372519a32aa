import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { chatCsp } from '../core/view/contentSecurityPolicy';
import { displayLanguage, loadedBundle } from './l10nSetup';

/**
 * The chat webview's document: strict CSP, one nonce'd script, styles from the extension only.
 * The codicon stylesheet comes first (it loads dist/codicon.ttf, allowed by font-src), so the
 * chat's own rules can restyle icons. The document's `lang` is VS Code's display language (line
 * breaking, hyphenation and fonts follow it) and the loaded string bundle rides along as inert JSON
 * (`<` escaped, so no string can close the element), read by webview/l10nSetup.ts.
 */
export function chatHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  const styles = [
    ['dist', 'codicon.css'],
    ['media', 'chat.css'],
    ['media', 'markdown.css'],
  ].map((path) => `<link rel="stylesheet" href="${webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path))}">`); // not localized: markup
  const csp = chatCsp(nonce, webview.cspSource);
  const language = displayLanguage().replace(/[^A-Za-z0-9-]/g, '');
  const bundle = JSON.stringify(loadedBundle()).replace(/</g, '\\u003c');
  // not localized: markup (the document's title is the product's name)
  return `<!DOCTYPE html>
<html lang="${language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles.join('\n')}
<title>Claude</title>
</head>
<body>
<main id="app"></main>
<script type="application/json" id="l10n-bundle">${bundle}</script>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
