// Enter in the webview's text boxes (the message box, "Edit last message") with an input method:
// while Japanese, Chinese or Korean text is being composed, Enter confirms it and never sends,
// including the keydown Chromium sends as the composition ends (isComposing false, keyCode 229).
import * as assert from 'node:assert/strict';
import { isComposing, isSubmitKey } from '../../src/webview/keys';

const key = (key: string, facts: { shiftKey?: boolean; isComposing?: boolean; keyCode?: number } = {}) => ({
  key,
  shiftKey: facts.shiftKey ?? false,
  isComposing: facts.isComposing ?? false,
  keyCode: facts.keyCode ?? (key === 'Enter' ? 13 : 0),
});

describe('Enter and input methods', () => {
  it('Enter sends; Shift+Enter adds a line', () => {
    assert.equal(isSubmitKey(key('Enter')), true);
    assert.equal(isSubmitKey(key('Enter', { shiftKey: true })), false);
    assert.equal(isSubmitKey(key('a')), false);
  });

  it('Enter while an input method composes confirms the text and does not send', () => {
    assert.equal(isSubmitKey(key('Enter', { isComposing: true })), false);
    assert.equal(isSubmitKey(key('Enter', { isComposing: true, keyCode: 229 })), false);
    assert.equal(isComposing(key('Enter', { isComposing: true })), true);
  });

  it("the keydown that ends a composition in Chromium (isComposing false, keyCode 229) does not send", () => {
    assert.equal(isSubmitKey(key('Enter', { keyCode: 229 })), false);
    assert.equal(isComposing(key('Enter', { keyCode: 229 })), true);
    assert.equal(isComposing(key('Process', { keyCode: 229 })), true, 'the input method keeps every key, Escape and arrows included');
  });

  it('the next Enter after the composition ended sends', () => {
    assert.equal(isSubmitKey(key('Enter', { keyCode: 13 })), true);
    assert.equal(isComposing(key('Escape', { keyCode: 27 })), false);
  });
});
