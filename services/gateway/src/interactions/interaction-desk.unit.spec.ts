import { DiscordAPIError } from 'discord.js';
import { InteractionDesk } from './interaction-desk';
import { CATCHING_UP_MESSAGE, type TrackedInteraction } from './deadline';
import type { SharedInteractions, Stepped } from './interaction-states';

type Call = { method: 'post' | 'patch'; route: string; body: unknown };

class FakeRest {
  calls: Call[] = [];
  acknowledged = new Set<string>();
  async post(route: string, opts: { body: unknown }) {
    this.calls.push({ method: 'post', route, body: opts.body });
    if (route.endsWith('/callback')) {
      if (this.acknowledged.has(route)) {
        throw new DiscordAPIError(
          { code: 40060, message: 'Interaction has already been acknowledged.' },
          40060,
          400,
          'POST',
          route,
          { body: undefined, files: undefined },
        );
      }
      this.acknowledged.add(route);
      return undefined;
    }
    return { id: 'followup-1' };
  }
  async patch(route: string, opts: { body: unknown }) {
    this.calls.push({ method: 'patch', route, body: opts.body });
    return { id: 'original-1' };
  }
}

/** The replicas' shared state without Postgres: one step at a time per interaction. */
class MemoryShared implements SharedInteractions {
  readonly states = new Map<string, TrackedInteraction>();
  private chain = Promise.resolve<unknown>(undefined);
  exclusive<T>(seed: TrackedInteraction, step: (t: TrackedInteraction) => Promise<Stepped<T>>): Promise<T> {
    const run = this.chain.then(async () => {
      const known = this.states.get(seed.interactionId);
      const current = known ? { ...known, kind: known.kind ?? seed.kind } : seed;
      const { state, result } = await step(current);
      this.states.set(seed.interactionId, state);
      return result;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
  async prune(): Promise<number> {
    return 0;
  }
}

const T0 = 5_000_000;
const handle = {
  interactionId: '11',
  token: 'tok',
  applicationId: '9',
  guildId: '100',
  kind: 'command' as const,
  receivedAtMs: T0,
};
const settings = { deferMs: 2000, giveUpMs: 10_000, deferEphemeral: true };
const reply = {
  kind: 'reply' as const,
  guildId: '100',
  interactionId: '11',
  token: 'tok',
  applicationId: '9',
  ephemeral: false,
  body: { content: 'Level 3' },
};

describe('interaction desk', () => {
  it('a timely reply is sent as the callback and the clock then leaves the interaction alone', async () => {
    const rest = new FakeRest();
    const desk = new InteractionDesk(rest as never, settings, new MemoryShared());
    desk.remember(handle);
    await desk.answer(reply);
    await desk.tick(T0 + 2500);
    await desk.tick(T0 + 11_000);
    expect(rest.calls).toEqual([
      {
        method: 'post',
        route: '/interactions/11/tok/callback',
        body: { type: 4, data: { content: 'Level 3', allowed_mentions: { parse: ['users'] } } },
      },
    ]);
  });

  it('an unanswered command is deferred, then edited to the catching-up message, then a late reply replaces it', async () => {
    const rest = new FakeRest();
    const desk = new InteractionDesk(rest as never, settings, new MemoryShared());
    desk.remember(handle);
    await desk.tick(T0 + 2000);
    await desk.tick(T0 + 10_000);
    expect(await desk.answer(reply)).toBe('original-1');
    expect(rest.calls.map((c) => [c.method, c.route, c.body])).toEqual([
      ['post', '/interactions/11/tok/callback', { type: 5, data: { flags: 64 } }],
      [
        'patch',
        '/webhooks/9/tok/messages/%40original',
        { content: CATCHING_UP_MESSAGE, allowed_mentions: { parse: ['users'] } },
      ],
      [
        'patch',
        '/webhooks/9/tok/messages/%40original',
        { content: 'Level 3', allowed_mentions: { parse: ['users'] } },
      ],
    ]);
  });

  it('a reply to a command acknowledged without a record edits the original', async () => {
    const rest = new FakeRest();
    rest.acknowledged.add('/interactions/11/tok/callback');
    const shared = new MemoryShared();
    const desk = new InteractionDesk(rest as never, settings, shared);
    desk.remember(handle); // this replica received it: the command is known
    expect(await desk.answer(reply)).toBe('original-1');
    expect(rest.calls.map((c) => c.method)).toEqual(['post', 'patch']);
    expect(shared.states.get('11')?.responded).toBe('answered');
  });

  it('a reply to an interaction of unknown kind acknowledged without a record is a follow-up, never an edit of a message that may hold buttons', async () => {
    const rest = new FakeRest();
    rest.acknowledged.add('/interactions/11/tok/callback');
    const desk = new InteractionDesk(rest as never, settings, new MemoryShared());
    expect(await desk.answer(reply)).toBe('followup-1');
    expect(rest.calls.map((c) => [c.method, c.route])).toEqual([
      ['post', '/interactions/11/tok/callback'],
      ['post', '/webhooks/9/tok'],
    ]);
  });

  it('a reply racing the defer timer is delivered after it, as an edit', async () => {
    const rest = new FakeRest();
    const desk = new InteractionDesk(rest as never, settings, new MemoryShared());
    desk.remember(handle);
    const ticking = desk.tick(T0 + 2000);
    const answering = desk.answer(reply);
    await Promise.all([ticking, answering]);
    expect(rest.calls.map((c) => c.method)).toEqual(['post', 'patch']);
  });
});
