/** The `grep` tool: lines matching a regex in the workspace's files, as `path:line:text`, capped in count and width. */
import * as l10n from '@vscode/l10n';
import type { CustomToolDefinition } from '../../api/wire';
import { formatNumber } from '../../l10n/format';
import type { AgentTool, ToolAnswer, ToolCall } from '../agentTool';
import type { WorkspaceFiles } from '../workspaceFiles';
import { compileGlob } from './globPattern';
import { checkRegex } from './regexCheck';
import { filesShown, optionalString, permission, plural, refuse, requiredString, searchedShown, searchRoot, shown, stopped } from './searchCall';
import type { GrepMatch, Searcher } from './searcher';

export const GREP_TOOL_NAME = 'grep';
/** Matching lines a `grep` answer shows at most. */
export const MAX_GREP_MATCHES = 200;
/** Characters of one matching line shown at most. */
export const MAX_GREP_LINE = 300;
/** Characters kept before the match when a long line is cut around it. */
const BEFORE_MATCH = 80;

/** Byte-stable: it is part of the cached prompt prefix. */
// not localized: sent to Claude (the whole definition)
export const GREP_TOOL_DEFINITION: CustomToolDefinition = {
  name: GREP_TOOL_NAME,
  description:
    'Search the contents of the workspace files with a regular expression. Use it to find where something is defined, used or mentioned; use glob to find files by name. ' + // not localized: sent to Claude
    'The pattern is a ripgrep (Rust) regex: `\\bparseConfig\\(`, `TODO|FIXME`, `(?i)error`; escape regex characters to search for literal text; look-around and backreferences are not supported. ' + // not localized: sent to Claude
    `Returns matching lines as \`path:line:text\`, at most ${MAX_GREP_MATCHES} (the answer says how many there were), each cut to ${MAX_GREP_LINE} characters. ` + // not localized: sent to Claude
    'Narrow the search with `path` (a folder or a file) and `glob` (for example "*.ts"). ' + // not localized: sent to Claude
    'Files ignored by .gitignore, files.exclude or search.exclude are skipped, and so are node_modules, .git and binary files.', // not localized: sent to Claude
  input_schema: {
    type: 'object',
    properties: {
      pattern: { type: 'string', description: 'The regular expression, in ripgrep syntax.' }, // not localized: sent to Claude
      path: { type: 'string', description: 'Folder or file to search, relative to the workspace (in a multi-root workspace, starting with the folder name). Default: the whole workspace.' }, // not localized: sent to Claude
      glob: { type: 'string', description: 'Only search files whose path matches this glob, for example "*.ts" or "src/**/*.{js,jsx}".' }, // not localized: sent to Claude
      ignore_case: { type: 'boolean', description: 'Match without regard to case. Default: false.' }, // not localized: sent to Claude
    },
    required: ['pattern'],
  },
};

export class GrepTool implements AgentTool {
  readonly name = GREP_TOOL_NAME;
  readonly definition = GREP_TOOL_DEFINITION;

  constructor(
    private readonly files: WorkspaceFiles,
    private readonly searcher: Searcher,
  ) {}

  async run(call: ToolCall): Promise<ToolAnswer> {
    const pattern = requiredString(call, 'grep', 'pattern', '"functionName\\\\("');
    if (!pattern.ok) return pattern.answer;
    const regex = checkRegex(pattern.value);
    // not localized: the second text is sent to Claude
    if (regex.kind === 'invalid') return refuse(call, l10n.t('grep: invalid regex {0}', shown(pattern.value)), `Invalid regex ${JSON.stringify(pattern.value)}: ${regex.error}.`).answer;
    const glob = optionalString(call, 'grep', 'glob');
    if (!glob.ok) return glob.answer;
    const compiled = glob.value === undefined ? undefined : compileGlob(glob.value);
    // not localized: the second text is sent to Claude
    if (compiled && !compiled.ok) return refuse(call, l10n.t('grep: invalid glob {0}', shown(glob.value ?? '')), `Invalid glob ${JSON.stringify(glob.value)}: ${compiled.error}.`).answer;
    const ignoreCase = call.input.ignore_case ?? false;
    // not localized: the second text is sent to Claude
    if (typeof ignoreCase !== 'boolean') return refuse(call, l10n.t('grep: ignore_case must be true or false'), `ignore_case must be true or false, not ${JSON.stringify(ignoreCase)}.`).answer;
    const path = optionalString(call, 'grep', 'path');
    if (!path.ok) return path.answer;
    const root = await searchRoot(call, this.files, 'grep', path.value, true);
    if (!root.ok) return root.answer;
    const within = root.value?.display;
    const where = within ? ` in ${within}` : ''; // not localized: sent to Claude
    const searched = searchedShown(pattern.value, within);
    const denied = await permission(call, { tool: 'grep', pattern: pattern.value, within });
    if (denied) return denied;

    const found = await this.searcher.grep({ pattern: pattern.value, within: root.value, glob: glob.value, ignoreCase, maxMatches: MAX_GREP_MATCHES, signal: call.signal });
    const halted = stopped(call);
    if (halted) return halted;
    if (!found.ok) return refuse(call, l10n.t('Could not search for {0}', searched), found.error).answer;

    const { matches, total, files } = found.value;
    call.line(l10n.t('Searched for {0}: {1}', searched, matchesShown(total, files, matches.length)), false);
    // not localized: sent to Claude
    if (!total) return { content: `No matches for ${JSON.stringify(pattern.value)}${where}${glob.value ? ` in files matching ${JSON.stringify(glob.value)}` : ''}.`, isError: false };
    let cut = 0;
    const lines = matches.map((m) => {
      const text = fitLine(m);
      if (text !== m.text) cut++;
      return `${m.path}:${m.line}:${text}`;
    });
    const notes: string[] = [];
    // not localized: sent to Claude
    if (total > matches.length) notes.push(`[${plural(total, 'matching line')} in ${plural(files, 'file')}; only the first ${matches.length} are shown. Narrow the pattern, path or glob to see the rest.]`);
    // not localized: sent to Claude
    if (cut) notes.push(`[${plural(cut, 'line')} longer than ${MAX_GREP_LINE} characters ${cut === 1 ? 'was' : 'were'} cut around the match (marked …); view the file to read ${cut === 1 ? 'it' : 'them'} whole.]`);
    return { content: [...lines, ...notes].join('\n'), isError: false };
  }
}

/** "3 matches in 2 files (showing 200)", "no matches": the reply line's count, for the person. */
function matchesShown(total: number, files: number, shownCount: number): string {
  if (!total) return l10n.t('no matches');
  const matches = total === 1 ? l10n.t('1 match') : l10n.t('{0} matches', formatNumber(total));
  const counted = l10n.t({ message: '{0} in {1}', args: [matches, filesShown(files)], comment: ['Search results: a number of matches, then the number of files they are in'] });
  return total > shownCount ? l10n.t('{0} (showing {1})', counted, formatNumber(shownCount)) : counted;
}

/** The line's text, at most MAX_GREP_LINE characters, keeping the match in view; a cut end is marked with …. */
export function fitLine(match: GrepMatch): string {
  const text = match.text;
  if (text.length <= MAX_GREP_LINE) return text;
  const at = Math.max(0, (match.column ?? 1) - 1);
  const start = at + BEFORE_MATCH > MAX_GREP_LINE ? Math.min(at - BEFORE_MATCH, text.length - MAX_GREP_LINE) : 0;
  const end = start + MAX_GREP_LINE;
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}
