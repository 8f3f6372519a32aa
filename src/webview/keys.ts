/** Keys in the webview's text boxes, decided apart from the DOM (so they can be tested without one). */

type KeyFacts = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'isComposing' | 'keyCode'>;

/**
 * An input method (Japanese, Chinese, Korean…) is composing text: its keys (Enter to confirm a
 * candidate, Escape to cancel it, arrows to choose one) are the input method's, not ours. Chromium
 * reports the keydown that ends a composition with `isComposing` false but keyCode 229.
 */
export function isComposing(e: KeyFacts): boolean {
  return e.isComposing || e.keyCode === 229;
}

/** Enter without Shift sends the text, unless an input method is composing it (then it confirms the text). */
export function isSubmitKey(e: KeyFacts): boolean {
  return e.key === 'Enter' && !e.shiftKey && !isComposing(e);
}
