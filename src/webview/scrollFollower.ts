import { iconButton } from './dom';

/** Within this many pixels of the end counts as "at the bottom". */
const NEAR_BOTTOM_PX = 24;

/**
 * Keeps a scrolling container at its end while the person is there: growth of the content
 * (observed once per frame after layout, so streaming costs no extra layout) scrolls it down.
 * Scrolling up stops the following; reaching the end again, or "Jump to latest", resumes it.
 */
export class ScrollFollower {
  /** The "Jump to latest" button, shown while the view is not at the bottom. */
  readonly jumpButton: HTMLButtonElement;
  private following = true;
  private lastTop = 0;
  private readonly resized = new ResizeObserver(() => this.onResize());

  constructor(
    private readonly container: HTMLElement,
    content: HTMLElement,
  ) {
    this.jumpButton = iconButton('Jump to latest', 'arrow-down', () => this.jumpToLatest(), 'jump-latest');
    this.jumpButton.hidden = true;
    container.addEventListener('scroll', () => this.onScroll(), { passive: true });
    this.resized.observe(content);
    this.resized.observe(container);
  }

  /** Follow the end again and go there (a new message, a reopened chat, the button). */
  jumpToLatest(): void {
    this.following = true;
    this.toBottom();
  }

  private atBottom(): boolean {
    const { scrollTop, scrollHeight, clientHeight } = this.container;
    return scrollHeight - scrollTop - clientHeight <= NEAR_BOTTOM_PX;
  }

  private onScroll(): void {
    const top = this.container.scrollTop;
    const bottom = this.atBottom();
    // Only a move up is the person's wish to stop following: content growing or shrinking
    // under a view that follows never moves it up while it stays at the end.
    if (bottom) this.following = true;
    else if (top < this.lastTop) this.following = false;
    this.lastTop = top;
    this.jumpButton.hidden = bottom;
  }

  private onResize(): void {
    if (this.following) this.toBottom();
    else this.jumpButton.hidden = this.atBottom();
  }

  private toBottom(): void {
    const { container } = this;
    container.scrollTop = container.scrollHeight;
    this.lastTop = container.scrollTop;
    this.jumpButton.hidden = true;
  }
}
