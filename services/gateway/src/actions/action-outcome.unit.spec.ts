import { DiscordAPIError, HTTPError } from 'discord.js';
import { attempt, outcomeOfError } from './action-outcome';

const apiError = (status: number, code: number, message: string) =>
  new DiscordAPIError({ code, message }, code, status, 'PUT', 'https://discord.test/api/v10/x', {
    body: undefined,
    files: undefined,
  });

describe('action outcomes', () => {
  it('a role above the bot (403 Missing Permissions) is a failure nobody should retry', () => {
    expect(outcomeOfError(apiError(403, 50013, 'Missing Permissions'))).toEqual({
      ok: false,
      httpStatus: 403,
      discordCode: 50013,
      error: 'Missing Permissions',
      retryable: false,
    });
  });

  it('server errors that outlived the client’s own retries may succeed later', () => {
    const out = outcomeOfError(
      new HTTPError(500, 'Internal Server Error', 'PUT', 'https://discord.test/api/v10/x', {
        body: undefined,
        files: undefined,
      }),
    );
    expect(out).toMatchObject({ ok: false, httpStatus: 500, retryable: true });
  });

  it('a timeout or refused connection is retryable', () => {
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    expect(outcomeOfError(abort)).toMatchObject({ ok: false, retryable: true });
    expect(outcomeOfError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toMatchObject({
      ok: false,
      retryable: true,
    });
  });

  it('a programming error is not disguised as a Discord result', async () => {
    await expect(
      attempt(async () => {
        throw new RangeError('bug');
      }),
    ).rejects.toThrow('bug');
  });
});
