/**
 * Appends streamed text to an element at most once per animation frame. Each commit adds one text
 * node holding the deltas of that frame, so the cost of a delta does not depend on the reply length.
 */
export class StreamingText {
  private pending: string[] = [];
  private frame: number | undefined;

  constructor(private readonly target: HTMLElement) {}

  append(delta: string): void {
    if (!delta) return;
    this.pending.push(delta);
    this.frame ??= requestAnimationFrame(() => this.flush());
  }

  /** Commits what is pending now (used when the reply ends). */
  flush(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    if (!this.pending.length) return;
    this.target.append(document.createTextNode(this.pending.join('')));
    this.pending = [];
  }
}
