// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
export type Json = any;

/** One HTTP call as a dashboard or a member would make it, with an optional bearer token and JSON body. */
export async function http(
  method: string,
  url: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Json }> {
  const res = await fetch(url, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? parseOrText(text) : null };
}

/** A body that is not JSON (a proxy's error page, say) comes back as its text, for the assertion to show. */
function parseOrText(text: string): Json {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
