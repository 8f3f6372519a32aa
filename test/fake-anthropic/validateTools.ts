/** Checks of `tools` and `tool_choice`, in the real API's wording. */
import { isObj, nonEmptyString } from './validateBlocks';

// Anthropic-defined editor tools: the model is trained on one fixed name per version.
const EDITOR_NAMES: Readonly<Record<string, string>> = {
  text_editor_20250728: 'str_replace_based_edit_tool',
  text_editor_20250429: 'str_replace_based_edit_tool',
  text_editor_20250124: 'str_replace_editor',
};

// The bash tool: one version, one fixed name, no schema or description. (The API also takes
// `allowed_callers`, `defer_loading`, `input_examples` and `strict`, which this extension never sends.)
const BASH_TYPES = ['bash_20250124'];
const BASH_FIELDS = new Set(['type', 'name', 'cache_control']);

const CUSTOM_NAME = /^[a-zA-Z0-9_-]{1,128}$/;

export function checkTools(tools: unknown): string | undefined {
  if (tools === undefined) return undefined;
  if (!Array.isArray(tools)) return 'tools: Input should be a valid list';
  const names = new Set<string>();
  for (const [i, tool] of tools.entries()) {
    const path = `tools.${i}`;
    if (!isObj(tool)) return `${path}: Input should be a valid dictionary`;
    if (!nonEmptyString(tool.name)) return `${path}.name: Field required`;
    const type = tool.type;
    if (typeof type === 'string' && type.startsWith('text_editor_')) {
      const expected = EDITOR_NAMES[type];
      if (!expected) return `${path}: Input tag '${type}' found using 'type' does not match any of the expected tags: ${Object.keys(EDITOR_NAMES).map((t) => `'${t}'`).join(', ')}`;
      if (tool.name !== expected) return `${path}.${type}.name: Input should be '${expected}'`;
      if (tool.max_characters !== undefined) {
        if (type !== 'text_editor_20250728') return `${path}.${type}.max_characters: Extra inputs are not permitted`;
        const max = tool.max_characters;
        if (typeof max !== 'number' || !Number.isInteger(max)) return `${path}.${type}.max_characters: Input should be a valid integer`;
        if (max < 1) return `${path}.${type}.max_characters: Input should be greater than or equal to 1`;
      }
    } else if (typeof type === 'string' && type.startsWith('bash_')) {
      if (!BASH_TYPES.includes(type)) return `${path}: Input tag '${type}' found using 'type' does not match any of the expected tags: ${BASH_TYPES.map((t) => `'${t}'`).join(', ')}`;
      if (tool.name !== 'bash') return `${path}.${type}.name: Input should be 'bash'`;
      const extra = Object.keys(tool).find((k) => !BASH_FIELDS.has(k));
      if (extra) return `${path}.${type}.${extra}: Extra inputs are not permitted`;
    } else if (type === undefined || type === 'custom') {
      if (!CUSTOM_NAME.test(tool.name)) return `${path}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`;
      if (!isObj(tool.input_schema)) return `${path}.custom.input_schema: Field required`;
      if (tool.input_schema.type !== 'object') return `${path}.custom.input_schema.type: Input should be 'object'`;
    }
    if (names.has(tool.name)) return 'tools: Tool names must be unique.';
    names.add(tool.name);
  }
  return undefined;
}

export function checkToolChoice(choice: unknown, thinkingOn: boolean): string | undefined {
  if (choice === undefined) return undefined;
  if (!isObj(choice)) return 'tool_choice: Input should be a valid dictionary';
  const type = choice.type;
  if (type !== 'auto' && type !== 'any' && type !== 'tool' && type !== 'none') {
    return `tool_choice: Input tag '${String(type)}' found using 'type' does not match any of the expected tags: 'auto', 'any', 'tool', 'none'`;
  }
  if (type === 'tool' && !nonEmptyString(choice.name)) return 'tool_choice.tool.name: Field required';
  if (thinkingOn && (type === 'any' || type === 'tool')) return 'Thinking may not be enabled when tool_choice forces tool use.';
  return undefined;
}
