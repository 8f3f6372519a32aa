/**
 * One router per direction: a handler for every message type, checked by the compiler (a type
 * without a handler does not build), instead of switches that must agree.
 */

/** A handler for each message type of `M`. */
export type Handlers<M extends { readonly type: string }, R> = { readonly [K in M['type']]: (message: Extract<M, { readonly type: K }>) => R };

/** Dispatches each message to the handler of its type. */
export function routerOf<M extends { readonly type: string }, R>(handlers: Handlers<M, R>): (message: M) => R {
  return (message) => (handlers[message.type as M['type']] as (m: M) => R)(message);
}
