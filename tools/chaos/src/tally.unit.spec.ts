import type { RecordedCall } from '@guildhall/discord-sim';
import { callKey, repeatGuard } from './discord-calls';
import {
  announceKey,
  expectedCalls,
  greetingKey,
  levelAt,
  roleKey,
  type CommunityRules,
} from './expected-calls';
import type { LedgerRow, SentMessage } from './sent';
import { clean, lateCalls, tally } from './tally';

const RULES: CommunityRules = { xpPerMessage: 10, rewardRoles: { 1: 'r1', 2: 'r2' }, preMemberRoleId: 'pre' };

/** Member `userId` says `n` messages 61 s apart, all in phase `phase`. */
const said = (userId: string, n: number, phase = 0): SentMessage[] =>
  Array.from({ length: n }, (_, k) => ({
    id: `${userId}-${k + 1}`,
    userId,
    count: k + 1,
    at: (k + 1) * 61_000,
    phase,
    sentAt: k * 1000,
  }));

/** xp's ledger for `messages`, decided in the given order. */
const decided = (messages: SentMessage[]): LedgerRow[] =>
  messages.map((m, i) => ({ id: i + 1, sourceId: m.id, userId: m.userId, occurredAt: m.at, amount: 10 }));

describe('expected Discord calls', () => {
  it('levels follow floor(sqrt(xp / 100)) exactly at the squares', () => {
    expect([0, 99, 100, 399, 400, 899, 900].map(levelAt)).toEqual([0, 0, 1, 1, 2, 2, 3]);
  });

  it('a member who reaches levels 1 and 2 is announced twice and given each reward role once', () => {
    const keys = expectedCalls(said('ada', 60), [], RULES).map((e) => e.key);
    expect(keys).toEqual([
      announceKey('ada', 1),
      roleKey('ada', 'r1'),
      announceKey('ada', 2),
      roleKey('ada', 'r2'),
    ]);
  });

  it('a newcomer gets Pre-Member and a greeting', () => {
    const keys = expectedCalls([], [{ userId: 'new', phase: 0, sentAt: 0 }], RULES).map((e) => e.key);
    expect(keys).toEqual([roleKey('new', 'pre'), greetingKey('new')]);
  });
});

describe('naming the calls Discord received', () => {
  const channels = { chatChannelId: '10', rulesChannelId: '11' };
  const call = (method: string, path: string, body: unknown = null, status = 200): RecordedCall => ({
    seq: 1,
    at: '',
    method,
    path: `/api/v10${path}`,
    query: '',
    body,
    status,
  });

  it('a level-up announcement, a role added and a greeting are named as expected', () => {
    expect(
      callKey(call('POST', '/channels/10/messages', { content: '🎉 <@7> reached **level 3**!' }), channels),
    ).toBe(announceKey('7', 3));
    expect(callKey(call('PUT', '/guilds/1/members/7/roles/9', null, 204), channels)).toBe(roleKey('7', '9'));
    expect(callKey(call('POST', '/channels/11/messages', { content: 'Welcome <@8>! Read…' }), channels)).toBe(
      greetingKey('8'),
    );
  });

  it('a message sent with enforce_nonce, or a PUT, may be repeated without a second effect', () => {
    const send = (body: unknown) => call('POST', '/channels/10/messages', body);
    expect(repeatGuard(send({ content: 'x', nonce: 'n1', enforce_nonce: true }))).toBe('nonce n1');
    expect(repeatGuard(send({ content: 'x', nonce: 'n1' }))).toBeUndefined();
    expect(repeatGuard(call('PUT', '/guilds/1/members/7/roles/9'))).toBe('PUT');
    expect(repeatGuard(call('DELETE', '/guilds/1/members/7/roles/9'))).toBeUndefined();
  });

  it('reads and refused calls change nothing; anything else is named by method and path', () => {
    expect(callKey(call('GET', '/gateway/bot'), channels)).toBeUndefined();
    expect(callKey(call('PUT', '/guilds/1/members/7/roles/9', null, 403), channels)).toBeUndefined();
    expect(callKey(call('DELETE', '/guilds/1/members/7/roles/9'), channels)).toBe(
      'DELETE /guilds/1/members/7/roles/9',
    );
  });
});

describe('tally', () => {
  it('a run where every message is decided once, in order, and every call made once is clean', () => {
    const messages = said('ada', 12);
    const expected = expectedCalls(messages, [], RULES);
    const [row] = tally({
      phases: 1,
      messages,
      ledger: decided(messages),
      expected,
      made: expected.map((e) => ({ key: e.key, phase: 0, at: e.sentAt + 500 })),
    });
    expect(row).toMatchObject({ sent: 12, applied: 12, lost: 0, duplicated: 0, reordered: 0 });
    expect(row).toMatchObject({ callsExpected: 2, callsMade: 2, callsMissing: 0, callsExtra: 0 });
    expect(clean(row)).toBe(true);
  });

  it('a message missing from the ledger is lost, in the phase it was said', () => {
    const messages = [...said('ada', 3, 0), ...said('bo', 3, 1)];
    const rows = tally({
      phases: 2,
      messages,
      ledger: decided(messages.filter((m) => m.id !== 'bo-2')),
      expected: [],
      made: [],
    });
    expect(rows.map((r) => r.lost)).toEqual([0, 1]);
    expect(rows.map((r) => r.applied)).toEqual([3, 2]);
  });

  it('a message decided twice is one duplicate', () => {
    const messages = said('ada', 3);
    const ledger = decided([...messages, messages[1]]);
    expect(tally({ phases: 1, messages, ledger, expected: [], made: [] })[0]).toMatchObject({
      applied: 3,
      duplicated: 1,
      reordered: 0,
    });
  });

  it('a message decided after a later one of the same member is reordered; other members do not count', () => {
    const [a1, a2, a3] = said('ada', 3);
    const [b1] = said('bo', 1);
    const ledger = decided([b1, a2, a1, a3]);
    expect(tally({ phases: 1, messages: [a1, a2, a3, b1], ledger, expected: [], made: [] })[0]).toMatchObject(
      {
        applied: 4,
        reordered: 1,
      },
    );
  });

  it('a call made twice is extra in the phase of its cause; an unexplained call is extra where it was made', () => {
    const messages = said('ada', 10, 0);
    const expected = expectedCalls(messages, [], RULES);
    const announce = announceKey('ada', 1);
    const rows = tally({
      phases: 2,
      messages,
      ledger: decided(messages),
      expected,
      made: [
        { key: announce, phase: 0, at: 9500 },
        { key: announce, phase: 1, at: 20_000 },
        { key: 'DELETE /guilds/1/members/7/roles/9', phase: 1, at: 20_000 },
        { key: 'commands 1', phase: 1, at: 20_000 },
      ],
    });
    expect(rows[0]).toMatchObject({ callsExpected: 2, callsMade: 2, callsMissing: 1, callsExtra: 1 });
    expect(rows[1]).toMatchObject({ callsMade: 1, callsExtra: 1, upkeepCalls: 1 });
    expect(rows[1].extraCalls).toEqual(['DELETE /guilds/1/members/7/roles/9']);
  });

  it('a repeat Discord answers without a second effect is resent, not extra; one with another nonce is extra', () => {
    const messages = said('ada', 40, 0);
    const expected = expectedCalls(messages, [], RULES);
    const at = 50_000;
    const rows = tally({
      phases: 1,
      messages,
      ledger: decided(messages),
      expected,
      made: [
        { key: announceKey('ada', 1), phase: 0, at, guard: 'nonce a' },
        { key: announceKey('ada', 1), phase: 0, at, guard: 'nonce a' },
        { key: roleKey('ada', 'r1'), phase: 0, at, guard: 'PUT' },
        { key: roleKey('ada', 'r1'), phase: 0, at, guard: 'PUT' },
        { key: announceKey('ada', 2), phase: 0, at, guard: 'nonce b' },
        { key: announceKey('ada', 2), phase: 0, at, guard: 'nonce c' },
        { key: roleKey('ada', 'r2'), phase: 0, at, guard: 'PUT' },
      ],
    });
    expect(rows[0]).toMatchObject({ callsMade: 7, resentCalls: 2, callsExtra: 1, callsMissing: 0 });
    expect(rows[0].extraCalls).toEqual([announceKey('ada', 2)]);
  });

  it('a call is late by the time from its cause to its first making', () => {
    const messages = said('ada', 10, 0);
    const expected = expectedCalls(messages, [], RULES);
    const made = [
      { key: announceKey('ada', 1), phase: 0, at: 9000 + 120_000 },
      { key: roleKey('ada', 'r1'), phase: 0, at: 9000 + 300 },
    ];
    expect(lateCalls(expected, made, 30_000)).toEqual([
      { key: announceKey('ada', 1), phase: 0, lateMs: 120_000 },
    ]);
  });
});
