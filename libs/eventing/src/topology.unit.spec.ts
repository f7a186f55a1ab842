import { Topology } from './topology';

describe('Topology', () => {
  it('leaves names and subjects alone without a namespace (production)', () => {
    const t = new Topology();
    expect(t.namespace).toBe('');
    expect(t.stream('DISCORD')).toBe('DISCORD');
    expect(t.subject('discord.1.message.created')).toBe('discord.1.message.created');
    expect(t.strip('discord.1.message.created')).toBe('discord.1.message.created');
  });

  it('prefixes stream names with ns_ and subjects with ns.', () => {
    const t = new Topology('t1');
    expect(t.stream('DISCORD')).toBe('t1_DISCORD');
    expect(t.stream('DEAD')).toBe('t1_DEAD');
    expect(t.subject('discord.>')).toBe('t1.discord.>');
    expect(t.subject('dead.discord.1.message.created')).toBe('t1.dead.discord.1.message.created');
  });

  it('strip() undoes subject() and leaves foreign subjects unchanged', () => {
    const t = new Topology('t1');
    expect(t.strip(t.subject('xp.9.level_reached'))).toBe('xp.9.level_reached');
    expect(t.strip('t2.xp.9.level_reached')).toBe('t2.xp.9.level_reached');
    expect(t.strip('t1x.xp')).toBe('t1x.xp');
  });

  it('rejects a namespace that would break a subject or a stream name', () => {
    expect(() => new Topology('a.b')).toThrow(/invalid event namespace/);
    expect(() => new Topology('a b')).toThrow(/invalid event namespace/);
    expect(() => new Topology('a>')).toThrow(/invalid event namespace/);
  });

  it('puts the partition on the wire and takes it off again, leaving stream subjects whole', () => {
    const t = new Topology('t1', 16);
    const wire = t.subject('discord.42.message.created');
    expect(wire).toMatch(/^t1\.discord\.\d+\.42\.message\.created$/);
    expect(t.strip(wire)).toBe('discord.42.message.created');
    expect(t.filter('discord.*.message.created', 3)).toBe('t1.discord.3.*.message.created');
    expect(t.filter('discord.*.message.created')).toBe('t1.discord.*.*.message.created');
    expect(t.streamSubject('discord.>')).toBe('t1.discord.>');
    expect(t.subject('dead.discord.42.message.created')).toBe('t1.dead.discord.42.message.created');
    expect(() => new Topology('t1', 0)).toThrow(/invalid partition count/);
  });
});
