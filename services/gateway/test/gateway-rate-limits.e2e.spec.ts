import type { Envelope } from '@guildhall/contracts';
import type { GuildView } from '@guildhall/discord-sim';
import { waitFor } from '@guildhall/testing';
import { ActionWorld } from './action-world';

jest.setTimeout(90_000);

/**
 * Discord's rate limits are per route: a 429 on one guild's channel says nothing about another
 * guild's. A lane of actions must not wait on one guild's limit: the limited guild's actions
 * wait aside, in their order, and every other guild's go on at once.
 */
const world = new ActionWorld('gwrate');
const RETRY_AFTER_S = 6;

let limited: GuildView;
let other: GuildView;

const send = (guild: GuildView, content: string): Envelope =>
  world.action(guild.id, 'message.send', { channelId: guild.channels[0].id, content });

const texts = (guild: GuildView) =>
  world.sim.channelMessages(guild.id, guild.channels[0].id).map((m) => m.content);

beforeAll(async () => {
  const sim = await world.startSimulator();
  limited = sim.createGuild({ name: 'Limited', channels: ['general'] });
  other = sim.createGuild({ name: 'Other', channels: ['general'] });
  await world.startGateway();
});

afterAll(() => world.stop());

describe("gateway: one guild's rate limit holds only that guild's actions", () => {
  it('other guilds of the lane go on at once; the limited guild gets its actions later, once each, in order', async () => {
    world.sim.injectFault({
      method: 'POST',
      path: `/channels/${limited.channels[0].id}/messages`,
      status: 429,
      retryAfter: RETRY_AFTER_S,
    });
    const first = send(limited, 'limited 1');
    const meanwhile = Array.from({ length: 5 }, (_, i) => send(other, `other ${i}`));
    const second = send(limited, 'limited 2');
    await world.publish([first, ...meanwhile, second]);
    // The other guild's sends are answered while the limited guild still waits out its 429.
    const otherDone = await world.resultsOf(meanwhile);
    expect(otherDone.every((r) => r.type === 'action.done')).toBe(true);
    expect(world.hasResult(first.id)).toBe(false);

    // A later batch of the lane is not held either.
    const later = send(other, 'other later');
    await world.publish([later]);
    await world.resultsOf([later]);
    expect(world.hasResult(first.id)).toBe(false);
    expect(texts(other)).toEqual(['other 0', 'other 1', 'other 2', 'other 3', 'other 4', 'other later']);

    // Once the limit has passed, the limited guild's actions run, in the order they were asked for.
    const limitedDone = await world.resultsOf([first, second], 30_000);
    expect(limitedDone.map((r) => r.type)).toEqual(['action.done', 'action.done']);
    expect(world.arrivalOf(first.id)).toBeLessThan(world.arrivalOf(second.id)!);
    expect(texts(limited)).toEqual(['limited 1', 'limited 2']);
    const posts = world.sim.calls({ method: 'POST', path: `/channels/${limited.channels[0].id}/messages` });
    expect(posts.map((c) => c.status)).toEqual([429, 200, 200]);
  });

  it('a new action of the waiting guild queues behind the ones set aside instead of overtaking them', async () => {
    world.sim.injectFault({
      method: 'POST',
      path: `/channels/${limited.channels[0].id}/messages`,
      status: 429,
      retryAfter: RETRY_AFTER_S,
    });
    const before = texts(limited).length;
    const a = send(limited, 'queued a');
    await world.publish([a]);
    await waitFor('the 429', async () =>
      world.sim.calls({ method: 'POST', path: `/channels/${limited.channels[0].id}/messages` }).at(-1)
        ?.status === 429
        ? true
        : undefined,
    );
    const b = send(limited, 'queued b');
    const c = send(limited, 'queued c');
    await world.publish([b]);
    await world.publish([c]);
    await world.resultsOf([a, b, c], 30_000);
    expect(texts(limited).slice(before)).toEqual(['queued a', 'queued b', 'queued c']);
    const { rows } = await world.db.query(`SELECT count(*)::int AS n FROM "${world.schema}".parked_actions`);
    expect(rows[0].n).toBe(0);
  });
});
