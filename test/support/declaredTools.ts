/** The tools a trusted local workspace declares to Claude, in the order of every request (part of the cached prefix). */
export const DECLARED_TOOLS: readonly string[] = ['str_replace_based_edit_tool', 'bash', 'glob', 'grep', 'problems'];
