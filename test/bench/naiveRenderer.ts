/**
 * The baseline that the chat renderer is measured against: on every delta, re-parse and re-render
 * the whole message with the same markdown pipeline (markdown-it, DOMPurify, highlight.js).
 * Bundled for the browser by the bench only.
 */
import { renderMarkdown } from '../../src/webview/markdown';

let text = '';
const body = document.createElement('div');
body.className = 'body markdown';
document.getElementById('app')?.append(body);

(window as unknown as { naiveDelta: (delta: string) => void }).naiveDelta = (delta: string) => {
  text += delta;
  body.replaceChildren(renderMarkdown(text));
};
