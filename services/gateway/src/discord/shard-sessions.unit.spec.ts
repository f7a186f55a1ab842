import { ShardSessions, type SessionStore } from './shard-sessions';

const session = (sessionId: string, sequence: number) => ({
  sessionId,
  sequence,
  shardId: 0,
  shardCount: 1,
  resumeURL: 'ws://127.0.0.1/gateway',
});

/** Only persistence touches the store; these cases never write. */
const noStore = {} as SessionStore;

describe('shard sessions', () => {
  it('a new READY after a session ended reports the gap as lost; the first READY does not', () => {
    const lost: string[] = [];
    const s = new ShardSessions(noStore, 'gw', { lost: (_shard, previous) => lost.push(previous) });
    s.update(0, session('a', 1));
    s.update(0, session('a', 7));
    expect(lost).toEqual([]);
    s.update(0, null); // op 9: discord.js identifies afresh
    expect(s.retrieve(0)).toBeNull();
    s.update(0, session('b', 1));
    expect(lost).toEqual(['a']);
    expect(s.retrieve(0)?.sessionId).toBe('b');
  });

  it('ignores published marks of an earlier session, whose sequence numbers mean nothing in the new one', () => {
    const s = new ShardSessions(noStore, 'gw');
    s.update(0, session('a', 1));
    s.markPublished(0, 'a', 40);
    s.update(0, session('b', 1));
    s.markPublished(0, 'a', 41);
    expect(s.retrieve(0)).toMatchObject({ sessionId: 'b', sequence: 1 });
  });

  it('keeps its sessions once stopping, when discord.js ends them', async () => {
    const s = new ShardSessions(noStore, 'gw');
    s.update(0, session('a', 9));
    await s.stop(); // nothing to write: no READY identity yet
    s.update(0, null);
    expect(s.retrieve(0)?.sessionId).toBe('a');
  });
});
