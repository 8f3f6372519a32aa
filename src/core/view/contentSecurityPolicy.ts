/**
 * The chat webview's Content-Security-Policy: one nonce'd script, styles, images and fonts from
 * the extension only. `base-uri` and `form-action` do not fall back to `default-src`, so they are
 * closed on their own: injected markup can neither re-point relative URLs nor post a form anywhere.
 */
export function chatCsp(nonce: string, cspSource: string): string {
  return [
    "default-src 'none'", // not localized: code (Content-Security-Policy directives)
    `script-src 'nonce-${nonce}'`, // not localized: code (Content-Security-Policy directives)
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`, // not localized: code (Content-Security-Policy directives)
    `font-src ${cspSource}`,
    "base-uri 'none'", // not localized: code (Content-Security-Policy directives)
    "form-action 'none'", // not localized: code (Content-Security-Policy directives)
  ].join('; ');
}
