/** Plain JSON values as the validators see them. */

export type Obj = Record<string, unknown>;

export const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

export function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** The value at a dotted path (`output_config.effort`), if any. */
export function fieldAt(body: Obj, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (isObj(value) ? value[key] : undefined), body);
}
