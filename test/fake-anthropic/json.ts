/** Plain JSON values as the validators see them. */

export type Obj = Record<string, unknown>;

export const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

export function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
