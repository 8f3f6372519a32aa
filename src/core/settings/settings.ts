/** Settings of the extension (`claudeChat.*`), parsed from raw values with defaults. */
import { DEFAULT_PROVIDER_SETTINGS, parseProviderSettings, ProviderSettingKey, type ProviderSettings } from './providerSettings';

export const CONFIG_SECTION = 'claudeChat';

export const SettingKey = {
  model: 'model',
  maxTokens: 'maxTokens',
  baseURL: 'baseURL',
  apiVersion: 'apiVersion',
  authHeader: 'authHeader',
  customHeaders: 'customHeaders',
  effort: 'effort',
  thinking: 'thinking',
  temperature: 'temperature',
  topP: 'topP',
  topK: 'topK',
  systemPrompt: 'systemPrompt',
  useWorkspaceInstructions: 'useWorkspaceInstructions',
  toolsEnabled: 'tools.enabled',
  autoApprove: 'tools.autoApprove',
  maxIterations: 'tools.maxIterations',
  allowedCommands: 'tools.allowedCommands',
  commandTimeout: 'tools.commandTimeout',
  codeActionsEnabled: 'codeActions.enabled',
  ...ProviderSettingKey,
} as const;
export type SettingKey = (typeof SettingKey)[keyof typeof SettingKey];

/**
 * Read from the user's (or the remote machine's) settings only, trusted workspace or not: a
 * repository's settings could otherwise send the key to another server or turn review off. The
 * manifest declares them `machine` (endpoint) or `application` (autoApprove) scope to match.
 */
export const USER_ONLY_SETTINGS: readonly SettingKey[] = [
  ...Object.values(ProviderSettingKey),
  SettingKey.baseURL,
  SettingKey.apiVersion,
  SettingKey.authHeader,
  SettingKey.customHeaders,
  SettingKey.autoApprove,
  SettingKey.allowedCommands,
];

/** `claudeChat.<key>`, as settings files and the manifest spell it. */
export const settingName = (key: SettingKey): string => `${CONFIG_SECTION}.${key}`;

export type AuthHeader = 'bearer' | 'x-api-key';
export const EFFORTS = ['default', 'low', 'medium', 'high', 'xhigh', 'max'] as const;
export type Effort = (typeof EFFORTS)[number];
export const AUTO_APPROVE = ['never', 'reads', 'all'] as const;
/** What runs without asking: nothing, reads inside the workspace, or every edit too. */
export type AutoApprove = (typeof AUTO_APPROVE)[number];
export const THINKING_MODES = ['summarized', 'omitted', 'off'] as const;
export type ThinkingMode = (typeof THINKING_MODES)[number];

export interface Settings extends ProviderSettings {
  readonly model: string;
  readonly maxTokens: number;
  /** Empty when unset. */
  readonly baseURL: string;
  /** Empty means the SDK's default `anthropic-version`. */
  readonly apiVersion: string;
  readonly authHeader: AuthHeader;
  readonly customHeaders: Readonly<Record<string, string>>;
  readonly effort: Effort;
  readonly thinking: ThinkingMode;
  /** Sampling parameters: undefined unless the user set them (then sent, and only then). */
  readonly temperature?: number;
  readonly topP?: number;
  readonly topK?: number;
  readonly systemPrompt: string;
  /** Read CLAUDE.md / AGENTS.md at the workspace roots (trusted workspaces only). */
  readonly useWorkspaceInstructions: boolean;
  /** Declare the text editor tool (trusted workspaces only). */
  readonly toolsEnabled: boolean;
  readonly autoApprove: AutoApprove;
  /** Requests one reply may make in a tool loop before it stops and says so. */
  readonly maxIterations: number;
  /** Command prefixes that run without asking (the person's own list; see core/tools/commandLine). */
  readonly allowedCommands: readonly string[];
  /** Seconds a command may run before it is killed. */
  readonly commandTimeout: number;
  readonly codeActionsEnabled: boolean;
}

export const DEFAULT_MODEL = 'claude-sonnet-5-5';

export const DEFAULT_SETTINGS: Settings = {
  model: DEFAULT_MODEL,
  maxTokens: 8192,
  baseURL: '',
  apiVersion: '',
  authHeader: 'bearer',
  customHeaders: {},
  effort: 'default',
  thinking: 'summarized',
  systemPrompt: '',
  useWorkspaceInstructions: true,
  toolsEnabled: true,
  autoApprove: 'reads',
  maxIterations: 25,
  allowedCommands: [],
  commandTimeout: 120,
  codeActionsEnabled: true,
  ...DEFAULT_PROVIDER_SETTINGS,
};

function oneOf<T extends string>(value: unknown, options: readonly T[], fallback: T): T {
  return options.includes(value as T) ? (value as T) : fallback;
}

function num(value: unknown, min: number, max: number, integer = false): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) return undefined;
  return integer && !Number.isInteger(value) ? undefined : value;
}

/** The non-empty strings of a list, trimmed. */
function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.flatMap((v) => (typeof v === 'string' && v.trim() ? [v.trim()] : [])) : [];
}

function str(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value.trim() : fallback;
}

/**
 * Parses raw setting values (as `getConfiguration().get` returns them) into typed settings.
 * Invalid values fall back to the defaults rather than failing a request later.
 */
export function parseSettings(read: (key: SettingKey) => unknown): Settings {
  const maxTokens = read(SettingKey.maxTokens);
  const authHeader = read(SettingKey.authHeader);
  const rawHeaders = read(SettingKey.customHeaders);
  const customHeaders: Record<string, string> = {};
  if (rawHeaders && typeof rawHeaders === 'object' && !Array.isArray(rawHeaders)) {
    for (const [name, value] of Object.entries(rawHeaders)) {
      if (typeof value === 'string' && /^[A-Za-z0-9-]+$/.test(name)) customHeaders[name] = value;
    }
  }
  const sampling = {
    temperature: num(read(SettingKey.temperature), 0, 1),
    topP: num(read(SettingKey.topP), 0, 1),
    topK: num(read(SettingKey.topK), 1, 1_000_000, true),
  };
  return {
    ...parseProviderSettings(read),
    ...Object.fromEntries(Object.entries(sampling).filter(([, v]) => v !== undefined)),
    systemPrompt: typeof read(SettingKey.systemPrompt) === 'string' ? (read(SettingKey.systemPrompt) as string) : '',
    useWorkspaceInstructions: read(SettingKey.useWorkspaceInstructions) !== false,
    toolsEnabled: read(SettingKey.toolsEnabled) !== false,
    autoApprove: oneOf(read(SettingKey.autoApprove), AUTO_APPROVE, DEFAULT_SETTINGS.autoApprove),
    maxIterations: num(read(SettingKey.maxIterations), 1, 500, true) ?? DEFAULT_SETTINGS.maxIterations,
    allowedCommands: strings(read(SettingKey.allowedCommands)),
    commandTimeout: num(read(SettingKey.commandTimeout), 1, 24 * 3600) ?? DEFAULT_SETTINGS.commandTimeout,
    codeActionsEnabled: read(SettingKey.codeActionsEnabled) !== false,
    effort: oneOf(read(SettingKey.effort), EFFORTS, DEFAULT_SETTINGS.effort),
    thinking: oneOf(read(SettingKey.thinking), THINKING_MODES, DEFAULT_SETTINGS.thinking),
    model: str(read(SettingKey.model), DEFAULT_SETTINGS.model) || DEFAULT_SETTINGS.model,
    maxTokens:
      typeof maxTokens === 'number' && Number.isInteger(maxTokens) && maxTokens > 0 ? maxTokens : DEFAULT_SETTINGS.maxTokens,
    baseURL: str(read(SettingKey.baseURL), ''),
    apiVersion: str(read(SettingKey.apiVersion), ''),
    authHeader: authHeader === 'x-api-key' ? 'x-api-key' : 'bearer',
    customHeaders,
  };
}
