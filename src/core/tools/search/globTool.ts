/** The `glob` tool: workspace files whose path matches a glob, most recently modified first, capped. */
import * as l10n from '@vscode/l10n';
import type { CustomToolDefinition } from '../../api/wire';
import { formatNumber } from '../../l10n/format';
import type { AgentTool, ToolAnswer, ToolCall } from '../agentTool';
import type { WorkspaceFiles } from '../workspaceFiles';
import { compileGlob } from './globPattern';
import { filesShown, optionalString, permission, plural, refuse, requiredString, searchedShown, searchRoot, shown, stopped } from './searchCall';
import type { Searcher } from './searcher';

export const GLOB_TOOL_NAME = 'glob';
/** Paths a `glob` answer lists at most. */
export const MAX_GLOB_FILES = 100;

/** Byte-stable: it is part of the cached prompt prefix. */
// not localized: sent to Claude (the whole definition)
export const GLOB_TOOL_DEFINITION: CustomToolDefinition = {
  name: GLOB_TOOL_NAME,
  description:
    'Find files in the workspace by path pattern. Use it to locate files by name or extension before viewing them; use grep to search inside files. ' + // not localized: sent to Claude
    `Returns workspace-relative paths, most recently modified first, at most ${MAX_GLOB_FILES} (the answer says how many matched when there were more). ` + // not localized: sent to Claude
    'Pattern syntax (ripgrep globs): `*` and `?` match within one path segment, `**` any number of folders, `[abc]` one of the characters, `{ts,tsx}` alternatives. ' + // not localized: sent to Claude
    'A pattern without `/` matches file names at any depth (`*.test.ts`); a pattern with `/` is matched from `path` (`src/**/*.ts`). ' + // not localized: sent to Claude
    'Files ignored by .gitignore, files.exclude or search.exclude are skipped, and so are node_modules and .git.', // not localized: sent to Claude
  input_schema: {
    type: 'object',
    properties: {
      pattern: { type: 'string', description: 'The glob, for example "**/*.ts" or "src/**/test_*.py".' }, // not localized: sent to Claude
      path: { type: 'string', description: 'Folder to search in, relative to the workspace (in a multi-root workspace, starting with the folder name). Default: the whole workspace.' }, // not localized: sent to Claude
    },
    required: ['pattern'],
  },
};

export class GlobTool implements AgentTool {
  readonly name = GLOB_TOOL_NAME;
  readonly definition = GLOB_TOOL_DEFINITION;

  constructor(
    private readonly files: WorkspaceFiles,
    private readonly searcher: Searcher,
  ) {}

  async run(call: ToolCall): Promise<ToolAnswer> {
    const pattern = requiredString(call, 'glob', 'pattern', '"**/*.ts"');
    if (!pattern.ok) return pattern.answer;
    const compiled = compileGlob(pattern.value);
    // not localized: the second text is sent to Claude
    if (!compiled.ok) return refuse(call, l10n.t('glob: invalid pattern {0}', shown(pattern.value)), `Invalid glob ${JSON.stringify(pattern.value)}: ${compiled.error}.`).answer;
    const path = optionalString(call, 'glob', 'path');
    if (!path.ok) return path.answer;
    const root = await searchRoot(call, this.files, 'glob', path.value, false);
    if (!root.ok) return root.answer;
    const within = root.value?.display;
    const where = within ? ` in ${within}` : ''; // not localized: sent to Claude
    const searched = searchedShown(pattern.value, within);
    const denied = await permission(call, { tool: 'glob', pattern: pattern.value, within });
    if (denied) return denied;

    const found = await this.searcher.glob({ pattern: pattern.value, within: root.value, signal: call.signal });
    const halted = stopped(call);
    if (halted) return halted;
    if (!found.ok) return refuse(call, l10n.t('Could not list files matching {0}', searched), found.error).answer;

    const newestFirst = [...found.value].sort((a, b) => b.mtimeMs - a.mtimeMs || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const listed = newestFirst.slice(0, MAX_GLOB_FILES);
    const total = newestFirst.length;
    const count = total > listed.length ? l10n.t('{0} (showing the {1} newest)', filesShown(total), formatNumber(listed.length)) : filesShown(total);
    call.line(l10n.t('Listed files matching {0}: {1}', searched, count), false);
    // not localized: sent to Claude
    if (!total) return { content: `No files match ${JSON.stringify(pattern.value)}${where} (files ignored by .gitignore, files.exclude or search.exclude are skipped).`, isError: false };
    // not localized: sent to Claude
    const note = total > listed.length ? `\n[${plural(total, 'file')} matched; only the ${listed.length} most recently modified are listed. Narrow the pattern or the path to see others.]` : '';
    return { content: listed.map((f) => f.path).join('\n') + note, isError: false };
  }
}
