import * as l10n from '@vscode/l10n';
import { iconButton } from './dom';

/** Within this many pixels of the end counts as "at the bottom". */
const NEAR_BOTTOM_PX = 24;
/** After a jump (a new message, a reopened chat), late layout (images, lazy blocks) is followed this long. */
const SETTLE_MS = 1500;

/**
 * Keeps a scrolling container at its end while the person is there and a reply streams: growth
 * of the content (observed once per frame after layout, so streaming costs no extra layout)
 * scrolls it down. Any move up by the person, however small, stops the following; scrolling back
 * down to the end, or "Jump to latest", resumes it. Content that grows because the person opened
 * something (thinking, a wrapped code block) is left where it is when nothing streams.
 */
export class ScrollFollower {
  /** The "Jump to latest" button, shown while the view is not at the bottom. */
  readonly jumpButton: HTMLButtonElement;
  private following = true;
  private lastTop = 0;
  private lastHeight = 0;
  private settleUntil = 0;
  private readonly contentResized = new ResizeObserver(() => this.onResize(this.live() || Date.now() < this.settleUntil));
  private readonly viewResized = new ResizeObserver(() => this.onResize(true));

  /** `live`: whether a reply is streaming now. */
  constructor(
    private readonly container: HTMLElement,
    content: HTMLElement,
    private readonly live: () => boolean,
  ) {
    this.jumpButton = iconButton(l10n.t('Jump to latest'), 'arrow-down', () => this.jumpFromButton(), 'jump-latest');
    this.jumpButton.hidden = true;
    container.addEventListener('scroll', () => this.onScroll(), { passive: true });
    this.contentResized.observe(content);
    this.viewResized.observe(container);
  }

  /** Follow the end again and go there (a new message, a reopened chat, the button). */
  jumpToLatest(): void {
    this.following = true;
    this.settleUntil = Date.now() + SETTLE_MS;
    this.toBottom();
  }

  private jumpFromButton(): void {
    // The button hides at the end: keep keyboard focus in the log rather than dropping it to the page.
    if (document.activeElement === this.jumpButton) this.container.focus({ preventScroll: true });
    this.jumpToLatest();
  }

  private atBottom(): boolean {
    const { scrollTop, scrollHeight, clientHeight } = this.container;
    return scrollHeight - scrollTop - clientHeight <= NEAR_BOTTOM_PX;
  }

  private onScroll(): void {
    const { scrollTop: top, scrollHeight: height } = this.container;
    const bottom = this.atBottom();
    // A move up stops the following unless the content shrank under the view (the browser then
    // clamps the position without anyone asking); reaching the end moving down resumes it.
    if (top < this.lastTop && height >= this.lastHeight) {
      this.following = false;
      this.settleUntil = 0;
    } else if (bottom && top >= this.lastTop) this.following = true;
    this.lastTop = top;
    this.lastHeight = height;
    this.jumpButton.hidden = bottom;
  }

  private onResize(follow: boolean): void {
    if (this.following && follow) return this.toBottom();
    this.jumpButton.hidden = this.atBottom();
    // Layout has run: a position the browser clamped is where the view is now, not a move.
    this.lastTop = this.container.scrollTop;
    this.lastHeight = this.container.scrollHeight;
  }

  private toBottom(): void {
    const { container } = this;
    container.scrollTop = container.scrollHeight;
    this.lastTop = container.scrollTop;
    this.lastHeight = container.scrollHeight;
    this.jumpButton.hidden = true;
  }
}
