/**
 * Renders a streamed markdown reply with a cost per delta that does not grow with the reply:
 * deltas are coalesced into at most one DOM commit per frame, complete blocks are rendered once
 * and frozen, only the open tail block is re-rendered, and an unclosed code fence is plain text
 * (appended, not re-rendered) until it closes.
 */
import { MarkdownBlockSplitter } from '../core/view/markdownBlocks';
import { codeBlock, renderMarkdown } from './markdown';

const PAGE_SIZE = 32;

export type FrameScheduler = (callback: () => void) => void;

const animationFrame: FrameScheduler = (callback) => void requestAnimationFrame(() => callback());

export class StreamingMarkdown {
  private readonly splitter = new MarkdownBlockSplitter();
  private readonly tail: HTMLElement;
  private pending: string[] = [];
  /** Frozen blocks go into pages of PAGE_SIZE, so a layout pass walks pages, not every block ever rendered. */
  private page: HTMLElement | undefined;
  private pageBlocks = 0;
  private scheduled = false;
  /** While a fence is open: its plain-text element and how much of the tail it already shows. */
  private openFence: { start: number; pre: HTMLElement; shown: number } | undefined;

  constructor(
    private readonly target: HTMLElement,
    private readonly schedule: FrameScheduler = animationFrame,
  ) {
    this.tail = document.createElement('div');
    this.tail.className = 'md-tail';
    target.append(this.tail);
  }

  append(delta: string): void {
    if (!delta) return;
    this.pending.push(delta);
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.flush());
    }
  }

  /** Commits pending text now. */
  flush(): void {
    this.scheduled = false;
    if (!this.pending.length) return;
    const delta = this.pending.join('');
    this.pending = [];
    const completed = this.splitter.push(delta);
    if (completed.length) {
      for (const block of completed) this.freeze(block);
      this.openFence = undefined;
    }
    this.renderTail();
  }

  /** The reply ended: render the rest as markdown and freeze it. */
  finish(): void {
    this.flush();
    const rest = this.splitter.end();
    this.openFence = undefined;
    this.tail.replaceChildren();
    if (rest) this.freeze(rest);
    this.tail.remove();
  }

  private freeze(block: string): void {
    const frozen = document.createElement('div');
    frozen.className = 'md-block';
    frozen.append(renderMarkdown(block));
    if (!this.page || this.pageBlocks >= PAGE_SIZE) {
      this.page = document.createElement('div');
      this.page.className = 'md-page';
      this.pageBlocks = 0;
      this.target.insertBefore(this.page, this.tail);
    }
    this.page.append(frozen);
    this.pageBlocks++;
  }

  private renderTail(): void {
    const { text, fence } = this.splitter.tail();
    if (!fence) {
      this.openFence = undefined;
      this.tail.replaceChildren(renderMarkdown(text));
      return;
    }
    if (this.openFence?.start === fence.start) {
      // Same open fence as last frame: append only what is new.
      this.openFence.pre.append(document.createTextNode(text.slice(this.openFence.shown)));
      this.openFence.shown = text.length;
      return;
    }
    const pre = document.createElement('pre');
    pre.className = 'open-fence';
    pre.textContent = text.slice(fence.bodyStart);
    this.tail.replaceChildren(renderMarkdown(text.slice(0, fence.start)), codeBlock(pre, fence.info.split(/\s+/)[0] ?? ''));
    this.openFence = { start: fence.start, pre, shown: text.length };
  }
}
