// Runs last (files run in name order): fails when the extension left a promise rejection unhandled
// at any point of the suite.
import * as assert from 'node:assert/strict';
import { unhandledRejections } from '../unhandledRejections';

describe('the extension host after the whole suite', () => {
  it('saw no unhandled promise rejection from the extension', async () => {
    await new Promise((resolve) => setTimeout(resolve, 200)); // rejections are reported on a later tick
    assert.ok(unhandledRejections(), 'the test index watches for unhandled rejections');
    assert.deepEqual(unhandledRejections(), []);
  });
});
