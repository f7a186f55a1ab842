/**
 * The largest JSON body a dashboard route reads. A maximal XP policy (250 role and 500 channel
 * multipliers, 500 no-XP channels) is about 45 KB, the largest of the editors' bodies.
 */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

/** The body was longer than the route accepts; answered as 413 naming the limit. */
export class PayloadTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`The request body is larger than the ${Math.round(maxBytes / 1024)} KiB this route accepts.`);
    this.name = 'PayloadTooLarge';
  }
}

/**
 * The body as text, reading no more than `maxBytes` of it: a declared Content-Length over the
 * limit is refused before reading, and a chunked body is cut off as soon as it passes it.
 */
export async function readBodyText(req: Request, maxBytes: number): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw new PayloadTooLarge(maxBytes);
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new PayloadTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
