/** Tolerance for gateways that wrap plain JSON responses as `{"code":200,"data":{...}}`. */

/** Returns the `data` of a wrapped success body, or the text unchanged. */
export function unwrapGatewayJson(text: string): string {
  if (!text.startsWith('{') || !text.includes('"data"')) return text;
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const data = body.data;
    const wrapped =
      typeof body.code === 'number' && body.code >= 200 && body.code < 300 && typeof data === 'object' && data !== null && !('type' in body);
    return wrapped ? JSON.stringify(data) : text;
  } catch {
    return text;
  }
}
