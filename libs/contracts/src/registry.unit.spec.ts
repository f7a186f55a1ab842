import { contractRegistry } from './registry';
import { envelope } from './envelope';

const message = (data: Record<string, unknown>, over: Record<string, unknown> = {}) => ({
  ...envelope({
    id: '900000000000000001',
    type: 'message.created',
    guildId: '100000000000000001',
    occurredAt: new Date('2026-01-01T00:00:00Z'),
    source: 'gateway',
    data,
  }),
  ...over,
});
const goodData = { messageId: '900000000000000001', channelId: '1', userId: '2', roleIds: ['3'], bot: false };

describe('contract registry', () => {
  const registry = contractRegistry();

  it('accepts a well-formed message.created from bytes', () => {
    const r = registry.parse(Buffer.from(JSON.stringify(message(goodData))));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.envelope.data).toMatchObject({ userId: '2', roleIds: ['3'] });
  });

  it('names the field that is wrong', () => {
    const r = registry.parse(message({ ...goodData, userId: 'not-a-snowflake' }));
    expect(r).toEqual({ ok: false, reason: expect.stringContaining('userId') });
  });

  it('rejects an unknown version with the type and version in the reason', () => {
    const r = registry.parse(message(goodData, { version: 7 }));
    expect(r).toEqual({ ok: false, reason: 'unknown event type message.created version 7' });
  });

  it('rejects garbage that is not JSON', () => {
    const r = registry.parse('{nope');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/^not JSON/);
  });

  it('rejects an envelope without a guild', () => {
    const r = registry.parse(message(goodData, { guildId: '' }));
    expect(r).toEqual({ ok: false, reason: 'envelope.guildId must be a Discord snowflake' });
  });

  it('strips properties the contract does not know', () => {
    const r = registry.parse(message({ ...goodData, content: 'secret' }));
    expect(r.ok && 'content' in (r.envelope.data as object)).toBe(false);
  });

  it('a role.add says who decided it; one without that (sent before it existed) is still valid', () => {
    const add = (data: Record<string, unknown>) =>
      registry.parse(
        message({ userId: '2', roleId: '3', ...data }, { type: 'role.add', id: 'roles:web:1:3:add#1' }),
      );
    const marked = add({ grant: 'self-service' });
    expect(marked.ok && marked.envelope.data).toEqual({ userId: '2', roleId: '3', grant: 'self-service' });
    expect(add({}).ok).toBe(true);
    expect(add({ grant: 'admin' })).toEqual({ ok: false, reason: expect.stringContaining('grant') });
  });
});
