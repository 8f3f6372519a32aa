// Which commands the person's allowed prefixes let run without asking, and which prefix a card offers.
import * as assert from 'node:assert/strict';
import { matchesAllowlist, parseCommandLine } from '../../src/core/tools/bash/commandLine';
import { suggestedPrefix } from '../../src/core/tools/bash/prefixOffer';

const allowed = ['npm test', 'git status', 'ls', 'echo'];
const runs = (command: string) => matchesAllowlist(command, allowed);

describe('command lines and the allowlist', () => {
  it('splits at every operator and newline, keeping quoted operators inside their part', () => {
    assert.deepEqual(parseCommandLine('a && b || c ; d | e |& f & g\nh').parts, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    assert.deepEqual(parseCommandLine(`echo 'a && b' "c; d" $'e | f\\' g' h\\;i`).parts, [`echo 'a && b' "c; d" $'e | f\\' g' h\\;i`]);
    assert.deepEqual(parseCommandLine('npm test \\\n  -- --grep x').parts, ['npm test   -- --grep x']);
  });

  it('an allowed prefix matches at a word boundary only', () => {
    assert.equal(runs('npm test'), true);
    assert.equal(runs('npm test -- --grep x'), true);
    assert.equal(runs('   npm   test  '), true, 'leading and repeated blanks');
    assert.equal(runs('npm testing'), false);
    assert.equal(runs('npm tes'), false);
    assert.equal(runs('npm run build'), false);
    assert.equal(runs('lsblk'), false);
    assert.equal(matchesAllowlist('ls', []), false, 'an empty list allows nothing');
    assert.equal(matchesAllowlist('ls', ['', '  ']), false, 'blank entries allow nothing');
    assert.equal(runs(''), false);
    assert.equal(runs('npm test\rrm -rf x'), false, 'a carriage return does not separate words in the shell, so "test\\rrm" is not "test"');
    assert.equal(runs('npm\u00a0test'), false, 'nor does a no-break space');
  });

  it('a compound command runs by itself only when every part is allowed, whatever joins them', () => {
    for (const op of ['&&', '||', ';', '|', '|&', '&', '\n']) {
      assert.equal(runs(`npm test ${op} git status`), true, `allowed ${JSON.stringify(op)} allowed`);
      assert.equal(runs(`npm test ${op} rm -rf build`), false, `allowed ${JSON.stringify(op)} not allowed`);
    }
    assert.equal(runs('npm test &'), true, 'a background job of an allowed command');
  });

  it('an operator inside quotes or escaped does not hide a second command, and an unclosed quote never runs', () => {
    assert.equal(runs(`echo "a; rm -rf x"`), true);
    assert.equal(runs(`echo 'a' ; rm -rf x`), false);
    assert.equal(runs(`echo "unclosed; rm -rf x`), false);
    assert.equal(runs(`echo 'unclosed`), false);
    assert.equal(runs(`echo $'it\\'s' ; rm x`), false, "$'…' ends at its unescaped quote");
  });

  it('a comment cannot swallow the next line with a quote', () => {
    assert.equal(runs("npm test # don't\nrm -rf build"), false);
    assert.equal(runs('npm test # a note'), true);
    assert.equal(runs('npm test\r# ; rm -rf x'), false, 'after a carriage return # is part of the word, and ; still separates');
    assert.equal(runs('npm test\u00a0# ; rm -rf x'), false, 'likewise after a no-break space');
    assert.deepEqual(parseCommandLine('echo a#b').parts, ['echo a#b'], '# inside a word is not a comment');
  });

  it('command substitution, backticks and process substitution never run by themselves, quoted or not', () => {
    for (const command of ['echo $(rm -rf x)', 'echo "$(rm -rf x)"', 'echo `rm -rf x`', 'echo "`rm x`"', 'echo $((1+2))', 'ls <(rm x)', 'npm test > >(tee log)', 'ls ${x:-$(rm x)}']) {
      assert.equal(runs(command), false, command);
      assert.equal(parseCommandLine(command).substitution, true, command);
    }
    // Single quotes keep them literal to the shell, but a builtin can still expand `$(…)` in a quoted name (`test -v 'a[$(x)]'`): any `$` asks.
    assert.equal(runs("echo '$(not run)' '`nor this`'"), false, 'a $ or a backtick asks, even in single quotes');
  });

  it('redirection into a file never runs by itself; to /dev/null or another descriptor it may', () => {
    for (const command of ['echo x > out', 'echo x >> out', 'echo x >| out', 'npm test &> log', 'npm test &>> log', 'npm test 2> err', 'echo x>out', 'echo x >&out', 'echo x <> f', 'echo x > /dev/tcp/h/80', 'echo x > "$F"']) {
      assert.equal(runs(command), false, command);
      assert.equal(parseCommandLine(command).fileRedirect, true, command);
    }
    for (const command of ['npm test 2>&1', 'npm test >/dev/null', 'npm test > /dev/null 2>&1', 'npm test &>/dev/null', 'npm test 2>/dev/null', 'echo x >&2', 'npm test 2>&-']) {
      assert.equal(runs(command), true, command);
    }
    assert.equal(runs('ls < input.txt'), false, 'input from a file asks (what it feeds the program is not in the prefix)');
  });

  it('a heredoc never runs by itself, and its body is not read as commands', () => {
    const line = parseCommandLine("cat <<'EOF'\nrm -rf x; echo $(y)\nEOF\nls");
    assert.deepEqual(line.parts, ["cat << 'EOF'", 'ls']);
    assert.equal(line.heredoc, true);
    assert.equal(runs('echo <<EOF\nhi\nEOF'), false);
    assert.equal(parseCommandLine('cat <<-END\n\tbody\n\tEND\n').unterminated, false, '<<- ends at a tab-indented delimiter');
    assert.equal(parseCommandLine('cat <<EOF\nno end').unterminated, true);
    assert.equal(parseCommandLine('cat <<< "here string"').heredoc, false, 'a here-string is not a heredoc');
  });

  it('an environment assignment in front is part of the command: only a prefix that includes it covers it', () => {
    assert.equal(runs('FOO=1 npm test'), false);
    assert.equal(runs('NODE_OPTIONS=--require=./x.js npm test'), false);
    assert.equal(matchesAllowlist('CI=1 npm test -- -g x', ['CI=1 npm test']), true);
  });

  it('groups and keywords do not borrow an allowed prefix', () => {
    assert.equal(runs('(rm -rf x)'), false);
    assert.equal(runs('{ rm -rf x; }'), false);
    assert.equal(runs('ls; if true; then rm x; fi'), false);
  });
});

describe('the prefix a command card offers to allow', () => {
  it('is the tool and its subcommand, or the program alone when the next word is an argument', () => {
    assert.equal(suggestedPrefix('npm test -- --grep x'), 'npm test');
    assert.equal(suggestedPrefix('  git status'), 'git status');
    assert.equal(suggestedPrefix('npm run test:unit'), 'npm run');
    assert.equal(suggestedPrefix('ls -la src'), 'ls');
    assert.equal(suggestedPrefix('ls src'), 'ls');
    assert.equal(suggestedPrefix('make'), undefined, 'a tool with subcommands is offered only with one');
    assert.equal(suggestedPrefix('make -j4'), undefined);
    assert.equal(suggestedPrefix('git -C sub status'), undefined, 'an option before the subcommand: nothing is offered');
    assert.equal(suggestedPrefix('command -v node'), undefined, 'a builtin is never offered');
    assert.equal(suggestedPrefix('npm exec foo'), undefined, 'a subcommand that runs anything is never offered');
    assert.equal(suggestedPrefix('touch a.txt'), undefined, 'one word only for programs known to read and report');
    assert.equal(suggestedPrefix('tsc -p .'), 'tsc');
    assert.equal(suggestedPrefix('pytest tests/unit'), 'pytest');
    assert.equal(suggestedPrefix('npm test 2>&1'), 'npm test');
  });

  it('is never offered for a compound, substituting, writing or heredoc command', () => {
    for (const command of ['npm test && git status', 'npm test | tail', 'echo $(date)', 'npm test > log', 'cat <<EOF\nx\nEOF', 'echo "open', 'FOO=1 npm test', '']) {
      assert.equal(suggestedPrefix(command), undefined, command);
    }
  });

  it('is never offered for a program that deletes, escalates, or runs any other command', () => {
    for (const command of ['rm -rf build', 'sudo apt-get update', 'bash -c "ls"', 'xargs rm', 'find . -delete', 'curl https://example.invalid', 'env npm test', 'python -c "print(1)"', 'node -e 1', '/bin/rm x']) {
      assert.equal(suggestedPrefix(command), undefined, command);
    }
    assert.equal(suggestedPrefix('python scripts/check.py --fast'), 'python scripts/check.py');
    assert.equal(suggestedPrefix('npx jest --watch'), 'npx jest');
  });
});

describe('the allowlist against commands built to slip past it', () => {
  const allows = (command: string, prefixes: string[]) => matchesAllowlist(command, prefixes);

  it('asks for a function definition named like an allowed program, and for any grouping', () => {
    assert.equal(allows('ls () ( rm -rf ~ ); ls', ['ls']), false);
    assert.equal(allows('cat () ( touch /tmp/x )', ['cat']), false);
    assert.equal(allows('ls(){ rm -rf ~; }', ['ls']), false);
    assert.equal(allows('{ ls; }', ['ls']), false);
    assert.equal(allows('(ls)', ['ls']), false);
  });

  it('reads an escaped blank as part of a word, so a # after it is no comment', () => {
    assert.deepEqual(parseCommandLine('npm test \\ #; rm -rf ~').parts, ['npm test \\ #', 'rm -rf ~']);
    assert.equal(allows('npm test \\ #; rm -rf ~', ['npm test']), false);
    assert.equal(allows('ls \\ #; touch x', ['ls']), false);
  });

  it('asks for input redirections and here-strings, whose quoting it does not try to follow', () => {
    assert.equal(allows("ls <<< $'a\\'b' ; rm -rf ~ #'", ['ls']), false);
    assert.equal(allows('ls <<< "a\\"b" ; rm -rf ~ #"', ['ls']), false);
    assert.equal(allows('cat < notes.txt', ['cat']), false);
  });

  it('asks for builtins that change the shell or run strings, and for any $ even in single quotes', () => {
    for (const [command, prefix] of [
      ["test -v 'a[$(touch x)]'", 'test'],
      ["printf -v 'a[$(touch x)]' x", 'printf'],
      ["let 'x=a[$(touch x)]'", 'let'],
      ['mapfile -C touch -c 1 a', 'mapfile'],
      ['export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.fsmonitor GIT_CONFIG_VALUE_0=touch; git status', 'export'],
      ['trap touch EXIT', 'trap'],
      ['alias ls=touch', 'alias'],
      ['command rm -rf x', 'command'],
      ['builtin eval x', 'builtin'],
    ]) {
      assert.equal(allows(command, [prefix, 'git status']), false, command);
    }
    assert.equal(allows('cd sub && npm test', ['cd', 'npm test']), true, 'cd, echo, pwd and the like stay allowable');
  });

  it('asks for options that make an allowed tool run code of its own', () => {
    assert.equal(allows("git -c alias.x='!touch y' x", ['git']), false);
    assert.equal(allows("git fetch --upload-pack='touch y' .", ['git fetch']), false);
    assert.equal(allows('npm test --node-options=--require=./x.js', ['npm test']), false);
    assert.equal(allows('npm test --script-shell=./evil', ['npm test']), false);
  });

  it('asks for globs, escapes and characters that hide what runs', () => {
    assert.equal(allows('ls *', ['ls']), false);
    assert.equal(allows('ls \u202Efdp.exe', ['ls']), false, 'a bidi control');
    assert.equal(allows('ls a\\;b', ['ls']), false, 'a backslash');
    assert.equal(allows('npm test -- --grep "a b"', ['npm test']), true, 'plain quoted arguments stay allowable');
    assert.equal(allows('CI=1 npm test', ['CI=1 npm test']), true);
  });
});
