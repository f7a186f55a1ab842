import { DiscordAPIError } from 'discord.js';
import { InteractionDesk } from './interaction-desk';
import { CATCHING_UP_MESSAGE } from './deadline';

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
  interactionId: '11',
  token: 'tok',
  applicationId: '9',
  ephemeral: false,
  body: { content: 'Level 3' },
};

describe('interaction desk', () => {
  it('a timely reply is sent as the callback and the clock then leaves the interaction alone', async () => {
    const rest = new FakeRest();
    const desk = new InteractionDesk(rest as never, settings);
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
    const desk = new InteractionDesk(rest as never, settings);
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

  it('a reply to an interaction acknowledged elsewhere falls back to editing the original', async () => {
    const rest = new FakeRest();
    rest.acknowledged.add('/interactions/11/tok/callback');
    const desk = new InteractionDesk(rest as never, settings);
    expect(await desk.answer(reply)).toBe('original-1');
    expect(rest.calls.map((c) => c.method)).toEqual(['post', 'patch']);
  });

  it('a reply racing the defer timer is delivered after it, as an edit', async () => {
    const rest = new FakeRest();
    const desk = new InteractionDesk(rest as never, settings);
    desk.remember(handle);
    const ticking = desk.tick(T0 + 2000);
    const answering = desk.answer(reply);
    await Promise.all([ticking, answering]);
    expect(rest.calls.map((c) => c.method)).toEqual(['post', 'patch']);
  });
});
