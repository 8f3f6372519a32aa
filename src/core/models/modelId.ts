/** A model id typed into the picker: gateways and proxies name their models in their own way. */
const PLAUSIBLE_MODEL_ID = /^[\w.:@/-]+$/;

/** The typed text as a model id to offer, when it looks like one and is not already listed. */
export function customModelId(typed: string, listed: readonly string[]): string | undefined {
  const id = typed.trim();
  if (!PLAUSIBLE_MODEL_ID.test(id) || listed.includes(id)) return undefined;
  return id;
}
