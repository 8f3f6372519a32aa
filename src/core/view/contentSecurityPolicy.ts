/**
 * The chat webview's Content-Security-Policy: one nonce'd script, styles, images and fonts from
 * the extension only. `base-uri` and `form-action` do not fall back to `default-src`, so they are
 * closed on their own: injected markup can neither re-point relative URLs nor post a form anywhere.
 */
export function chatCsp(nonce: string, cspSource: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
