/**
 * Markdown to safe DOM: markdown-it with raw HTML off (the model's HTML shows as text), then
 * DOMPurify over the result, links limited to http(s) and mailto, and code highlighted by
 * highlight.js (common languages only, to keep the bundle small).
 */
import DOMPurify from 'dompurify';
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import kotlin from 'highlight.js/lib/languages/kotlin';
import markdown from 'highlight.js/lib/languages/markdown';
import php from 'highlight.js/lib/languages/php';
import python from 'highlight.js/lib/languages/python';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import swift from 'highlight.js/lib/languages/swift';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import MarkdownIt from 'markdown-it';
import * as l10n from '@vscode/l10n';
import { el, iconButton } from './dom';

const languages = { bash, c, cpp, csharp, css, diff, go, java, javascript, json, kotlin, markdown, php, python, ruby, rust, shell, sql, swift, typescript, xml, yaml };
for (const [name, language] of Object.entries(languages)) hljs.registerLanguage(name, language);

function highlight(code: string, lang: string): string {
  const name = lang.trim().split(/\s+/)[0]?.toLowerCase();
  if (!name || !hljs.getLanguage(name)) return ''; // markdown-it escapes it
  try {
    return hljs.highlight(code, { language: name, ignoreIllegals: true }).value;
  } catch {
    return '';
  }
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, highlight });

const SAFE_URL = /^(?:https?:|mailto:|#)/i;
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    const href = node.getAttribute('href') ?? '';
    if (!SAFE_URL.test(href)) node.removeAttribute('href');
    node.setAttribute('rel', 'noopener noreferrer'); // not localized: a link relation
  }
});

const PURIFY = {
  RETURN_DOM_FRAGMENT: true as const,
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#)/i,
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'svg', 'math'],
  FORBID_ATTR: ['style'],
};

/** Renders markdown into a sanitized fragment. Code blocks get a toolbar (see decorateCode), tables a scroller. */
export function renderMarkdown(source: string): DocumentFragment {
  const fragment = DOMPurify.sanitize(md.render(source), PURIFY);
  decorateCode(fragment);
  wrapTables(fragment);
  return fragment;
}

/** A cell with more text than this is prose: it gets a readable minimum width (see media/markdown.css). */
const PROSE_CELL = 30;

/**
 * Puts each table in its own sideways-scrolling container, so a wide table scrolls on its own
 * instead of squeezing its words apart or widening the whole reply. Cells of prose are marked, so
 * a table that scrolls anyway does not also squeeze its sentences to one word per line.
 */
export function wrapTables(root: ParentNode): void {
  for (const table of root.querySelectorAll('table')) {
    if (table.parentElement?.classList.contains('table-scroll')) continue;
    const scroller = el('div', { className: 'table-scroll' });
    table.replaceWith(scroller);
    scroller.append(table);
    for (const cell of table.querySelectorAll('td')) if ((cell.textContent ?? '').length > PROSE_CELL) cell.classList.add('prose');
  }
}

/** Wraps each `pre` in a block with its language and the code block buttons. */
export function decorateCode(root: ParentNode): void {
  for (const pre of root.querySelectorAll('pre')) {
    const code = pre.querySelector('code');
    const lang = /language-([\w+#-]+)/.exec(code?.className ?? '')?.[1] ?? '';
    if (code && lang && !code.classList.contains('hljs')) code.classList.add('hljs');
    const slot = document.createComment('');
    pre.replaceWith(slot);
    slot.replaceWith(codeBlock(pre, lang));
  }
}

/**
 * A code block: a bar with the language and the buttons "Wrap lines" (a toggle), "Copy" and
 * "Insert at cursor" (shown on hover and keyboard focus; see media/markdown.css), then the code.
 * The clicks are handled once for the whole transcript, in codeBlockActions.ts.
 */
export function codeBlock(pre: HTMLElement, lang: string): HTMLElement {
  const wrap = actionButton(l10n.t('Wrap lines'), 'word-wrap', 'wrap');
  wrap.setAttribute('aria-pressed', 'false');
  const actions = el('div', { className: 'code-actions' }, {}, [wrap, actionButton(l10n.t({ message: 'Copy', comment: ['Button: copy the code'] }), 'copy', 'copy'), actionButton(l10n.t('Insert at cursor'), 'insert', 'insert')]);
  const bar = el('div', { className: 'code-bar' }, {}, [el('span', { className: 'code-lang', textContent: lang }), actions]);
  return el('div', { className: 'code-block' }, {}, [bar, pre]);
}

function actionButton(label: string, icon: string, action: 'wrap' | 'copy' | 'insert'): HTMLButtonElement {
  const b = iconButton(label, icon);
  b.dataset.codeAction = action;
  return b;
}
