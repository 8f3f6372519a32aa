// The VS Code versions the integration and e2e tiers run on, and how they load the extension.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentTarget, developmentOptions, ROOT, VSCODE_TARGETS } from '../support/codeServer';

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { vscode: string }; devDependencies: Record<string, string> };

describe('VS Code versions tested', () => {
  it('the oldest is the oldest the manifest accepts (engines.vscode, @types/vscode), the newest is newer', () => {
    const oldest = VSCODE_TARGETS[0];
    assert.match(manifest.engines.vscode, new RegExp(`^\\^${oldest.vscode.replace('.', '\\.')}\\.0$`));
    assert.match(manifest.devDependencies['@types/vscode'], new RegExp(`^~${oldest.vscode.replace('.', '\\.')}\\.`));
    const minor = (v: string) => Number(v.split('.')[1]);
    const newest = VSCODE_TARGETS[VSCODE_TARGETS.length - 1];
    assert.ok(minor(newest.vscode) > minor(oldest.vscode), `${newest.vscode} is newer than ${oldest.vscode}`);
    for (const t of VSCODE_TARGETS) assert.equal(t.codeServer.split('.')[1], t.vscode.split('.')[1], `code-server ${t.codeServer} ships VS Code ${t.vscode}`);
  });

  it('CLAUDE_CHAT_VSCODE picks one by VS Code or code-server version, oldest or newest; the oldest by default; anything else is refused', () => {
    const [oldest, newest] = [VSCODE_TARGETS[0], VSCODE_TARGETS[VSCODE_TARGETS.length - 1]];
    assert.equal(currentTarget({}), oldest);
    assert.equal(currentTarget({ CLAUDE_CHAT_VSCODE: 'newest' }), newest);
    assert.equal(currentTarget({ CLAUDE_CHAT_VSCODE: 'oldest' }), oldest);
    assert.equal(currentTarget({ CLAUDE_CHAT_VSCODE: newest.vscode }), newest);
    assert.equal(currentTarget({ CLAUDE_CHAT_VSCODE: newest.codeServer }), newest);
    assert.throws(() => currentTarget({ CLAUDE_CHAT_VSCODE: '1.2' }), /not one of/);
  });

  it('the workbench loads the extension from source and the suite through developmentOptions, as vscode-remote locations on the server', () => {
    assert.deepEqual(developmentOptions({ port: 4242 }), { extensions: [{ scheme: 'vscode-remote', authority: '127.0.0.1:4242', path: ROOT }] });
    assert.deepEqual(developmentOptions({ port: 4242 }, '/x/index.js').extensionTestsPath, { scheme: 'vscode-remote', authority: '127.0.0.1:4242', path: '/x/index.js' });
  });
});
