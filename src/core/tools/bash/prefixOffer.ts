/**
 * The prefix a command card offers to allow from now on. Deny by default: a one-word prefix is
 * offered only for programs known to read and report without running anything else, a two-word
 * one for a known tool and one of its subcommands, and nothing for anything else.
 */
import { parseCommandLine, wordsOf } from './commandLine';
import { notPlain } from './plainCommand';

/** Programs that only read and report: allowing them by name allows nothing more. */
const READ_ONLY = new Set([
  'ls', 'cat', 'head', 'tail', 'wc', 'pwd', 'echo', 'grep', 'rg', 'tree', 'file', 'stat', 'du', 'df', 'which', 'date', 'whoami',
  'uname', 'diff', 'sort', 'uniq', 'cut', 'tr', 'basename', 'dirname', 'realpath', 'nl', 'column', 'jq', 'cmp',
  'md5sum', 'sha256sum', 'id', 'hostname', 'uptime', 'free', 'ps', 'type',
]);
/** Test runners, type checkers and linters: they run the project's own code and checks, as `npm test` does. */
const RUNNERS = new Set(['tsc', 'pytest', 'jest', 'vitest', 'mocha', 'eslint', 'ruff', 'mypy', 'pyright', 'phpunit', 'rspec', 'ctest']);
/** Interpreters: `python script.py` can be offered, `python -c …` (any code) cannot. */
const INTERPRETERS = new Set(['python', 'python3', 'node', 'perl', 'ruby', 'php', 'deno', 'bun', 'npx', 'pnpx', 'bunx', 'lua', 'Rscript']);
/** Tools whose second word is a subcommand (`npm test`, `git status`): only that pair is offered. */
const WITH_SUBCOMMANDS = new Set([
  'npm', 'pnpm', 'yarn', 'git', 'gh', 'cargo', 'go', 'dotnet', 'docker', 'podman', 'kubectl', 'helm', 'terraform', 'make',
  'mvn', 'gradle', './gradlew', 'pip', 'pip3', 'poetry', 'uv', 'pdm', 'hatch', 'composer', 'bundle', 'rake', 'swift', 'flutter', 'dart',
  'mix', 'stack', 'cabal', 'nx', 'turbo', 'lerna', 'rush', 'tox', 'nox', 'just', 'task', 'vsce', 'code',
]);
const SUBCOMMAND = /^[A-Za-z][\w:-]*$/;
/** Subcommands that run whatever they are given (`npm exec`, `pnpm dlx`): never offered. */
const RUNS_ANYTHING = new Set(['exec', 'x', 'dlx', 'eval', 'shell']);

/**
 * The prefix the card offers, or undefined: only for one plain simple command (no compound, no
 * substitution, no file write, no heredoc, no builtin, no environment assignment in front).
 */
export function suggestedPrefix(command: string): string | undefined {
  const line = parseCommandLine(command);
  if (line.parts.length !== 1 || line.substitution || line.fileRedirect || line.heredoc || line.unterminated) return undefined;
  if (notPlain(line.parts[0]) !== undefined) return undefined;
  const [first, second] = wordsOf(line.parts[0]);
  if (!first || !/^[\w./@+-]+$/.test(first) || first.includes('=')) return undefined;
  const program = first.split('/').at(-1) ?? first;
  if (INTERPRETERS.has(program)) return second !== undefined && /^[\w./@:-]+$/.test(second) && !second.startsWith('-') ? `${first} ${second}` : undefined;
  if (WITH_SUBCOMMANDS.has(first)) return second !== undefined && SUBCOMMAND.test(second) && !RUNS_ANYTHING.has(second) ? `${first} ${second}` : undefined;
  return READ_ONLY.has(first) || RUNNERS.has(first) ? first : undefined;
}
