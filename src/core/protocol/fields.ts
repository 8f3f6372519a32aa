/**
 * Building blocks for the protocol's schemas (valibot: no `eval`, so it runs under the webview's
 * CSP, and tree-shaken to what the schemas use). Strict pieces refuse a bad value; the lenient
 * ones repair a record instead: a bad optional field or list entry is left out, so one bad number
 * from a gateway or an old file never blanks the view or loses a chat.
 */
import * as v from 'valibot';

export const MAX_TEXT = 1_000_000;

/** A string of at most `max` characters. */
export const text = (max = MAX_TEXT) => v.pipe(v.string(), v.maxLength(max));

/** A finite number (JSON never carries another, but a message posted in-process can). */
export const count = () => v.pipe(v.number(), v.finite());

/** An array, typed readonly (the engine hands out readonly lists). */
export const list = <T extends v.GenericSchema>(item: T) => v.pipe(v.array(item), v.readonly());

/** A list whose wrong entries are dropped (each kept entry is parsed, repairs included). */
export function lenientList<T extends v.GenericSchema>(item: T) {
  return v.pipe(
    v.array(v.unknown()),
    v.transform((values): readonly v.InferOutput<T>[] =>
      values.flatMap((value) => {
        const parsed = v.safeParse(item, value);
        return parsed.success ? [parsed.output as v.InferOutput<T>] : [];
      }),
    ),
  );
}

/** An optional field that is left out when it is wrong. */
export const lenient = <T extends v.GenericSchema>(schema: T) => v.fallback(v.optional(schema), undefined);

/** A required field that takes `value` when it is wrong or missing. */
export const orElse = <T extends v.GenericSchema>(schema: T, value: v.InferOutput<T>) => v.fallback(schema, value as never);
