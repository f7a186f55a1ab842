import { errorResponse, readJson } from './api-response';
import { MAX_JSON_BODY_BYTES, PayloadTooLarge } from './request-body';

const JSON_TYPE = { 'content-type': 'application/json' };

/** A chunked body (no Content-Length) of `total` bytes of a valid JSON object, counting what was pulled. */
function streamed(total: number) {
  const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
  const head = new TextEncoder().encode('{"a":"');
  const tail = new TextEncoder().encode('"}');
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0) {
        sent += head.byteLength;
        return controller.enqueue(head);
      }
      if (sent + chunk.byteLength + tail.byteLength > total) {
        controller.enqueue(tail);
        sent += tail.byteLength;
        return controller.close();
      }
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const req = new Request('http://dashboard.test/api/x', {
    method: 'PUT',
    body,
    headers: { 'content-type': 'application/json' },
    duplex: 'half',
  } as RequestInit);
  return { req, pulled: () => sent };
}

describe('readJson', () => {
  it('a signed-in member sending a 10 MB JSON body gets 413 naming the limit, and we read at most the limit of it', async () => {
    const { req, pulled } = streamed(10 * 1024 * 1024);
    const err = await readJson(req).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PayloadTooLarge);
    expect(pulled()).toBeLessThanOrEqual(MAX_JSON_BODY_BYTES + 2 * 16 * 1024);
    const res = errorResponse(err);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: 'The request body is larger than the 64 KiB this route accepts.',
    });
  });

  it('refuses a declared Content-Length over the limit before reading anything', async () => {
    const req = new Request('http://dashboard.test/api/x', {
      method: 'PUT',
      headers: JSON_TYPE,
      body: 'x'.repeat(MAX_JSON_BODY_BYTES + 1),
    });
    await expect(readJson(req)).rejects.toBeInstanceOf(PayloadTooLarge);
  });

  it('still reads a body at the limit, and a route may allow a larger one', async () => {
    const value = 'y'.repeat(MAX_JSON_BODY_BYTES - 10);
    const body = JSON.stringify({ v: value });
    expect(body.length).toBe(MAX_JSON_BODY_BYTES - 2);
    expect(
      await readJson(new Request('http://dashboard.test/', { method: 'PUT', headers: JSON_TYPE, body })),
    ).toEqual({
      v: value,
    });
    const big = JSON.stringify({ v: 'z'.repeat(90 * 1024) });
    expect(
      (
        await readJson(
          new Request('http://d.test/', { method: 'PUT', headers: JSON_TYPE, body: big }),
          100 * 1024,
        )
      ).v,
    ).toHaveLength(90 * 1024);
  });

  it('answers 400 for a body that is not a JSON object', async () => {
    for (const body of ['', '[1]', 'not json', '"s"'])
      await expect(
        readJson(new Request('http://dashboard.test/', { method: 'PUT', headers: JSON_TYPE, body })),
      ).rejects.toThrow('The request body must be a JSON object.');
  });
});
