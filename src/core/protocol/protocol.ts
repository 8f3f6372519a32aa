/**
 * The typed protocol between the extension host and the chat webview, defined once as schemas
 * (views.ts for the records shown, webviewToHost.ts and hostToWebview.ts for the messages): the
 * types, the runtime checks and the repair all come from them.
 */
export * from './views';
export { ImagePayloadSchema, isWebviewToHost, parseWebviewMessage, WebviewToHostSchema, type ImagePayload, type WebviewToHost } from './webviewToHost';
export { HostToWebviewSchema, readHostMessage, type HostToWebview } from './hostToWebview';
export { routerOf, type Handlers } from './router';

export function assertNever(value: never): never {
  throw new Error(`Unexpected message: ${JSON.stringify(value)}`); // not localized: internal error, never shown
}
