// Runs last (files run in name order): fails when the extension left a promise rejection unhandled
// at any point of the suite.
import * as assert from 'node:assert/strict';
import { unhandledRejections } from '../unhandledRejections';

describe('the extension host after the whole suite', () => {
  it('saw no unhandled promise rejection from the extension', async () => {
    // Node reports a rejection nobody handled once the microtasks of the task that made it have run,
    // so by the next turn of the event loop every rejection made so far has been reported; a few
    // turns also let callbacks of work that has already finished (timers due, I/O done) run first.
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
    assert.ok(unhandledRejections(), 'the test index watches for unhandled rejections');
    assert.deepEqual(unhandledRejections(), []);
  });
});
