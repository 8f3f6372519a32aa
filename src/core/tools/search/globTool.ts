/** The `glob` tool: workspace files whose path matches a glob, most recently modified first, capped. */
import type { CustomToolDefinition } from '../../api/wire';
import type { AgentTool, ToolAnswer, ToolCall } from '../agentTool';
import type { WorkspaceFiles } from '../workspaceFiles';
import { compileGlob } from './globPattern';
import { optionalString, permission, plural, refuse, requiredString, searchRoot, shown, stopped } from './searchCall';
import type { Searcher } from './searcher';

export const GLOB_TOOL_NAME = 'glob';
/** Paths a `glob` answer lists at most. */
export const MAX_GLOB_FILES = 100;

/** Byte-stable: it is part of the cached prompt prefix. */
export const GLOB_TOOL_DEFINITION: CustomToolDefinition = {
  name: GLOB_TOOL_NAME,
  description:
    'Find files in the workspace by path pattern. Use it to locate files by name or extension before viewing them; use grep to search inside files. ' +
    `Returns workspace-relative paths, most recently modified first, at most ${MAX_GLOB_FILES} (the answer says how many matched when there were more). ` +
    'Pattern syntax (ripgrep globs): `*` and `?` match within one path segment, `**` any number of folders, `[abc]` one of the characters, `{ts,tsx}` alternatives. ' +
    'A pattern without `/` matches file names at any depth (`*.test.ts`); a pattern with `/` is matched from `path` (`src/**/*.ts`). ' +
    'Files ignored by .gitignore, files.exclude or search.exclude are skipped, and so are node_modules and .git.',
  input_schema: {
    type: 'object',
    properties: {
      pattern: { type: 'string', description: 'The glob, for example "**/*.ts" or "src/**/test_*.py".' },
      path: { type: 'string', description: 'Folder to search in, relative to the workspace (in a multi-root workspace, starting with the folder name). Default: the whole workspace.' },
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
    if (!compiled.ok) return refuse(call, `glob: invalid pattern ${shown(pattern.value)}`, `Invalid glob ${JSON.stringify(pattern.value)}: ${compiled.error}.`).answer;
    const path = optionalString(call, 'glob', 'path');
    if (!path.ok) return path.answer;
    const root = await searchRoot(call, this.files, 'glob', path.value, false);
    if (!root.ok) return root.answer;
    const where = root.value ? ` in ${root.value.display}` : '';
    const denied = await permission(call, `glob ${pattern.value}${where}`);
    if (denied) return denied;

    const found = await this.searcher.glob({ pattern: pattern.value, within: root.value, signal: call.signal });
    const halted = stopped(call);
    if (halted) return halted;
    if (!found.ok) return refuse(call, `Could not list files matching ${shown(pattern.value)}${where}`, found.error).answer;

    const newestFirst = [...found.value].sort((a, b) => b.mtimeMs - a.mtimeMs || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const listed = newestFirst.slice(0, MAX_GLOB_FILES);
    const total = newestFirst.length;
    call.line(`Listed files matching ${shown(pattern.value)}${where}: ${plural(total, 'file')}${total > listed.length ? ` (showing the ${listed.length} newest)` : ''}`, false);
    if (!total) return { content: `No files match ${JSON.stringify(pattern.value)}${where} (files ignored by .gitignore, files.exclude or search.exclude are skipped).`, isError: false };
    const note = total > listed.length ? `\n[${plural(total, 'file')} matched; only the ${listed.length} most recently modified are listed. Narrow the pattern or the path to see others.]` : '';
    return { content: listed.map((f) => f.path).join('\n') + note, isError: false };
  }
}
