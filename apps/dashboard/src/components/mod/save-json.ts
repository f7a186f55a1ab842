/** What a form says after a save. */
export type SaveNotice = { tone: 'success' | 'error'; text: string };

/** Sends JSON to one of the dashboard's API routes; the error text is what the service said. */
export async function saveJson<T>(
  url: string,
  method: 'PUT' | 'POST',
  body: unknown,
): Promise<{ ok: true; data: T } | { ok: false; error: string }> {
  try {
    const res = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) return { ok: false, error: data.error ?? `Saving failed (${res.status}).` };
    return { ok: true, data: data as T };
  } catch {
    return { ok: false, error: 'The dashboard could not be reached. Check your connection and try again.' };
  }
}
