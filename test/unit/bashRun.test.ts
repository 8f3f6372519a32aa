// Commands the person allowed, run in a real persistent shell: what Claude hears back, what the
// card shows, and that Stop, a timeout or a dying shell leave nothing running and the next command works.
import * as assert from 'node:assert/strict';
import { STOPPED_RESULT } from '../../src/core/conversation/history';
import { CLAUDE_OUTPUT_LIMIT } from '../../src/core/tools/bash/outputCut';
import { shellEnvironment } from '../../src/core/tools/bash/shellEnvironment';
import { locateShell } from '../../src/host/tools/shellLocator';
import { processGone, useBashHarness, waitFor } from '../support/bashHarness';

describe('bash tool: running commands', () => {
  const b = useBashHarness();
  const { h } = b;
  /** An engine on which the person presses Run on every command (these tests are about running, not asking). */
  const runningEverything = () => {
    const engine = b.engine();
    b.runEveryCommand(engine);
    return engine;
  };

  it('keeps one shell per conversation: a cd and an exported variable hold for the next command', async () => {
    b.script({ command: 'mkdir -p sub' }, { command: 'cd sub && export GREETING=hello' }, { command: 'pwd; echo "$GREETING"' });
    await runningEverything().send('Go');
    assert.equal(b.result(3).content, `${b.dir}/sub\nhello\nExit code: 0`);
  });

  it('answers a failing command with its interleaved output, its exit code and is_error', async () => {
    b.script({ command: 'echo one; ls no-such-file; echo three' });
    await runningEverything().send('Go');
    const result = b.result(1);
    assert.match(result.content, /^one\nls: .*no-such-file.*\nthree\nExit code: 0$/, 'the last command decides the exit code');
    b.script({ command: 'ls no-such-file' });
    await runningEverything().send('Again');
    assert.match(b.result(3).content, /no-such-file.*\nExit code: 2$/);
    assert.equal(b.result(3).is_error, true);
    assert.equal(h.ofType('commandState').at(-1)?.exitCode, 2);
  });

  it('a command that reads input gets end-of-file at once instead of hanging', async () => {
    b.script({ command: 'cat; read line; echo "read: $? [$line]"' });
    await runningEverything().send('Go');
    assert.equal(b.result(1).content, 'read: 1 []\nExit code: 0');
  });

  it('a command with an unclosed quote is a syntax error, not a hang', async () => {
    b.script({ command: 'echo "unclosed' });
    const engine = b.engine();
    const sent = engine.send('Go');
    await b.decide(engine, 1, true);
    await sent;
    assert.match(b.result(1).content, /unexpected EOF|unexpected end of file/);
    assert.equal(b.result(1).is_error, true);
  });

  it('Stop kills the whole process group, background jobs included, and the next command runs in a fresh shell that says so', async () => {
    b.script({ command: 'export KEPT=yes; sleep 1000 & echo $!' }, { command: 'sleep 1000' });
    const engine = runningEverything();
    const sent = engine.send('Go');
    await h.until('commandState', (m) => m.cardId === 'toolu_2' && m.state === 'running', 10_000);
    const background = Number(/^(\d+)\n/.exec(b.result(1).content)?.[1]);
    assert.ok(background > 0, b.result(1).content);
    engine.stop();
    await sent;
    assert.equal(h.ofType('commandState').at(-1)?.state, 'stopped');
    const turn = h.saves.at(-1)?.conversation.turns.at(-1);
    assert.equal(turn?.role === 'assistant' && turn.rounds?.at(-1)?.results?.[0].content, STOPPED_RESULT);
    await waitFor(() => processGone(background), `the background sleep ${background} to be killed`);
    h.fake.reset(); // the stopped reply never asked for its closing text
    b.script({ command: 'echo "kept=$KEPT"' });
    await engine.send('Next');
    assert.match(b.result(1).content, /^\[A fresh shell was started because the previous shell was killed \(stopped by the user\): the working directory and variables were reset\.\]\nkept=\nExit code: 0$/);
  });

  it('a command past the timeout is killed with its jobs, Claude is told, and the shell starts again', async () => {
    h.settings = { ...h.settings, commandTimeout: 1 };
    b.script({ command: 'sleep 1000 & echo $!; sleep 1000' }, { command: 'echo again' });
    await runningEverything().send('Go');
    const result = b.result(1);
    const background = Number(/^(\d+)\n/.exec(result.content)?.[1]);
    assert.match(result.content, /\nThe command timed out after 1 s; the command and its processes were killed\. The shell was restarted/);
    assert.equal(result.is_error, true);
    const state = h.ofType('commandState').find((m) => m.cardId === 'toolu_1' && m.state === 'done');
    assert.equal(state?.note, 'timed out after 1 s; the command and its processes were killed');
    assert.equal(state?.timedOut, true, 'the card learns of the timeout from a field, not from the words of its note');
    assert.equal(state?.exitCode, null);
    await waitFor(() => processGone(background), 'the background sleep to be killed');
    assert.match(b.result(2).content, /again\nExit code: 0$/);
  });

  it('a flood of output reaches Claude cut to its start and end, and the card gets a few small messages', async () => {
    b.script({ command: 'yes | head -c 5000000; echo; echo THE END' });
    await runningEverything().send('Go');
    const content = b.result(1).content;
    assert.ok(content.length <= CLAUDE_OUTPUT_LIMIT, `${content.length} characters`);
    assert.match(content, /^y\ny\n/);
    assert.match(content, /cut from the middle of the output/);
    assert.match(content, /THE END\nExit code: 0$/);
    const outputs = h.ofType('commandOutput');
    assert.ok(outputs.length <= 50, `${outputs.length} output messages`);
    assert.ok(outputs.every((m) => m.text.length <= 20_000));
    const card = h.saves.at(-1)?.conversation.turns.at(-1);
    const view = card?.role === 'assistant' ? card.rounds?.[0].tools?.[0] : undefined;
    assert.ok(view?.kind === 'command' && view.card.output.endsWith('THE END\n') && view.card.output.split('\n').length <= 201, 'the saved card keeps the last lines');
  });

  it('a shell that exits is reported, and the next command starts a fresh one; restart gives a fresh shell on request', async () => {
    b.script({ command: 'export X=1; exit 3' }, { command: 'echo "x=$X"' }, { command: 'export Y=2' }, { restart: true }, { command: 'echo "y=$Y"' });
    await runningEverything().send('Go');
    assert.match(b.result(1).content, /The shell exited with code 3\. The next command starts in a fresh shell/);
    assert.equal(b.result(1).is_error, true);
    assert.equal(b.result(2).content, '[A fresh shell was started because the previous shell exited with code 3: the working directory and variables were reset.]\nx=\nExit code: 0');
    assert.match(b.result(4).content, /^The shell \(bash\) was restarted/);
    assert.equal(b.result(5).content, 'y=\nExit code: 0', 'a restart on request needs no note');
    assert.deepEqual(h.ofType('commandCard').find((m) => m.card.id === 'toolu_4')?.card.restart, true);
  });

  it('keeps every credential the extension uses out of the environment', async () => {
    b.secrets = ['sk-stored-key-123456'];
    const saved = { ...process.env };
    // The clouds' too: AWS keys and session token, a Bedrock API key, a Foundry key (a key file's path stays).
    const clouds = { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE0000001', AWS_SECRET_ACCESS_KEY: 'aws-secret-abcdef', AWS_SESSION_TOKEN: 'aws-session-abcdef', AWS_BEARER_TOKEN_BEDROCK: 'bedrock-key-abcdef', ANTHROPIC_FOUNDRY_API_KEY: 'foundry-key-abcdef', GOOGLE_APPLICATION_CREDENTIALS: '/home/ada/sa.json' };
    const added = { ANTHROPIC_API_KEY: 'sk-env-key-abcdef', anthropic_auth_token: 'tok-abcdef12', MY_COPY: 'Bearer sk-stored-key-123456', HARMLESS: 'kept', ...clouds };
    Object.assign(process.env, added);
    try {
      b.script({ command: 'env' });
      await runningEverything().send('Go');
    } finally {
      for (const key of Object.keys(added)) if (key in saved) process.env[key] = saved[key];
      else delete process.env[key];
    }
    const env = b.result(1).content;
    assert.match(env, /^HARMLESS=kept$/m);
    assert.match(env, /^GOOGLE_APPLICATION_CREDENTIALS=\/home\/ada\/sa\.json$/m);
    assert.doesNotMatch(env, /ANTHROPIC_API_KEY|anthropic_auth_token|sk-env-key|sk-stored-key|MY_COPY/i);
    assert.doesNotMatch(env, /AWS_ACCESS_KEY_ID|AKIAEXAMPLE|aws-secret|aws-session|bedrock-key|foundry-key/i);
  });
});

describe('the shell environment', () => {
  it('drops the credential variables in any case and any variable holding a secret; short secrets are not searched for', () => {
    const env = { PATH: '/bin', ANTHROPIC_API_KEY: 'a', Anthropic_Auth_Token: 'b', TOKEN_COPY: 'x-sk-123456789-y', ID: 'abc', UNSET: undefined };
    assert.deepEqual(shellEnvironment(env, ['sk-123456789', 'abc']), { PATH: '/bin', ID: 'abc' });
  });
});

describe('which shell runs the commands', () => {
  const has = (...paths: string[]) => (p: string) => paths.includes(p);
  it('is /bin/bash, else bash on PATH, else sh', () => {
    assert.equal(locateShell('linux', { PATH: '/usr/bin' }, has('/bin/bash')).path, '/bin/bash');
    assert.deepEqual(locateShell('darwin', { PATH: '/opt/bin:/usr/bin' }, has('/usr/bin/bash')), { name: 'bash', path: '/usr/bin/bash', args: ['--noprofile', '--norc'], dialect: 'bash' });
    assert.equal(locateShell('linux', { PATH: '/usr/bin' }, has()).name, 'sh');
  });

  it('on Windows: Git Bash (beside git on PATH or installed), else WSL bash, else PowerShell', () => {
    const win = (p: string) => p.replace(/\//g, '\\');
    const env = { PATH: 'C:\\Windows;C:\\tools\\Git\\cmd', ProgramFiles: 'C:\\Program Files', SystemRoot: 'C:\\Windows' };
    const [gitOnPath, installed, wsl] = ['C:/tools/Git/bin/bash.exe', 'C:/Program Files/Git/bin/bash.exe', 'C:/Windows/System32/wsl.exe'];
    const found = (...paths: string[]) => (p: string) => paths.some((q) => win(q) === p);
    assert.equal(locateShell('win32', env, found('C:/tools/Git/cmd/git.exe', gitOnPath)).name, 'Git Bash');
    assert.equal(locateShell('win32', env, found(installed)).name, 'Git Bash');
    assert.deepEqual(locateShell('win32', env, found(wsl)).args, ['-e', 'bash', '--noprofile', '--norc']);
    const fallback = locateShell('win32', env, found());
    assert.deepEqual([fallback.name, fallback.dialect], ['PowerShell', 'powershell']);
  });
});
