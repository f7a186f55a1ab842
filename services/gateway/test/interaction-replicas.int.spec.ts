import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DiscordSimulator, type GuildView } from '@guildhall/discord-sim';
import { runMigrations } from '@guildhall/platform';
import { DATABASE_URL } from '@guildhall/testing';
import { REST } from 'discord.js';
import { ButtonStyle, ComponentType, Routes, type APIMessage } from 'discord-api-types/v10';
import { Pool } from 'pg';
import { InteractionDesk } from '../src/interactions/interaction-desk';
import { InteractionStates } from '../src/interactions/interaction-states';
import { gatewayMigrations } from '../src/migrations';
import type { InteractionHandle } from '../src/translate/interactions';

/**
 * Scenario 11 of the fault review: two gateway replicas. The one whose shard received an
 * interaction keeps its deadlines; the one that holds the ACTIONS lease delivers the owner's
 * answer. Each is a desk with its own memory over the same Postgres, talking to the simulated
 * Discord through discord.js' REST; the clock is driven by hand, the callback deadline is real.
 */
const schema = `gateway_desks_${randomBytes(4).toString('hex')}`;
const settings = { deferMs: 2000, giveUpMs: 10_000, deferEphemeral: true };
jest.setTimeout(60_000);

let sim: DiscordSimulator;
let pool: Pool;
let rest: REST;
let guild: GuildView;
let channelId: string;
let memberId: string;
const desks: InteractionDesk[] = [];

/** A gateway replica's desk: its own memory, the shared state. */
function replica(): InteractionDesk {
  const desk = new InteractionDesk(rest, settings, new InteractionStates(pool, schema));
  desks.push(desk);
  return desk;
}

function handleOf(view: { interactionId: string; token: string }, kind: 'command' | 'component') {
  const handle: InteractionHandle = {
    interactionId: view.interactionId,
    token: view.token,
    applicationId: sim.applicationId,
    guildId: guild.id,
    kind,
    receivedAtMs: Date.now(),
  };
  return handle;
}

/** A member runs /rank; the simulator waits for no gateway (none is connected). */
async function rank(): Promise<InteractionHandle> {
  const view = await sim.runCommand({
    guildId: guild.id,
    channelId,
    userId: memberId,
    name: 'rank',
    waitMs: 0,
  });
  return handleOf(view, 'command');
}

/** The replica whose shard received the interaction, and the one that holds the ACTIONS lease. */
function replicasFor(h: InteractionHandle): { receiver: InteractionDesk; executor: InteractionDesk } {
  const receiver = replica();
  receiver.remember(h);
  return { receiver, executor: replica() };
}

const answer = (h: InteractionHandle, kind: 'reply' | 'update', content: string, ephemeral = false) => ({
  kind,
  guildId: h.guildId,
  interactionId: h.interactionId,
  token: h.token,
  applicationId: h.applicationId,
  ephemeral,
  body: { content },
});

const callbacks = (h: InteractionHandle) =>
  sim.calls({ method: 'POST', path: `/interactions/${h.interactionId}/${h.token}/callback` }).length;

beforeAll(async () => {
  sim = new DiscordSimulator({ port: 0 });
  await sim.start();
  guild = sim.createGuild({ name: 'Desks', channels: ['rules'] });
  channelId = guild.channels[0].id;
  memberId = sim.addMember(guild.id, { username: 'newcomer' }).user.id;
  await runMigrations(DATABASE_URL, schema, gatewayMigrations);
  pool = new Pool({ connectionString: DATABASE_URL, max: 4 });
  rest = new REST({ api: sim.apiUrl, version: '10' }).setToken(sim.botToken);
});

afterAll(async () => {
  await Promise.all(desks.map((d) => d.stop()));
  await pool?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool?.end();
  await sim?.stop();
});

describe('interaction answers across gateway replicas', () => {
  it("an answer sent by another replica after this one deferred is not replaced by this one's give-up", async () => {
    const h = await rank();
    const { receiver, executor } = replicasFor(h);
    await receiver.tick(h.receivedAtMs + 2500); // the owner is slow: "thinking…"
    await executor.answer(answer(h, 'reply', 'You are level 3'));
    await receiver.tick(h.receivedAtMs + 11_000); // past give-up: the answer is already there

    const seen = sim.getInteraction(h.interactionId);
    expect(seen.original?.content).toBe('You are level 3');
    expect(callbacks(h)).toBe(1);
  });

  it('a reply to a button after the other replica deferred goes to the member, and the message with the buttons stays as it was', async () => {
    const rules = (await rest.post(Routes.channelMessages(channelId), {
      body: {
        content: 'Be kind. Read the rules, then agree.',
        components: [
          {
            type: ComponentType.ActionRow,
            components: [
              {
                type: ComponentType.Button,
                style: ButtonStyle.Primary,
                custom_id: 'onboarding:agree',
                label: 'I agree',
              },
            ],
          },
        ],
      },
    })) as APIMessage;
    const view = await sim.clickComponent({
      guildId: guild.id,
      channelId,
      userId: memberId,
      messageId: rules.id,
      customId: 'onboarding:agree',
      waitMs: 0,
    });
    const h = handleOf(view, 'component');
    const { receiver, executor } = replicasFor(h);
    await receiver.tick(h.receivedAtMs + 2500); // a silent deferred update
    await executor.answer(answer(h, 'reply', 'Thanks for agreeing to the rules.', true));
    await receiver.tick(h.receivedAtMs + 11_000);

    const seen = sim.getInteraction(h.interactionId);
    const message = sim.channelMessages(guild.id, channelId).find((m) => m.id === rules.id);
    expect(message?.content).toBe('Be kind. Read the rules, then agree.');
    expect(message?.components).toHaveLength(1);
    expect(seen.followups.map((m) => m.content)).toEqual(['Thanks for agreeing to the rules.']);
  });

  it('an interaction another replica already answered is not deferred again by the one that received it', async () => {
    const h = await rank();
    const { receiver, executor } = replicasFor(h);
    await executor.answer(answer(h, 'reply', 'Level 4'));
    await receiver.tick(h.receivedAtMs + 2500);
    await receiver.tick(h.receivedAtMs + 11_000);

    expect(callbacks(h)).toBe(1);
    expect(sim.getInteraction(h.interactionId).original?.content).toBe('Level 4');
  });

  it('a replica that restarted answers a deferred command by editing its "thinking…" message', async () => {
    const h = await rank();
    const before = replica();
    before.remember(h);
    await before.tick(h.receivedAtMs + 2500);
    await before.stop();
    const after = replica(); // no memory of the interaction
    await after.answer(answer(h, 'reply', 'Level 5'));

    const seen = sim.getInteraction(h.interactionId);
    expect(seen.original?.content).toBe('Level 5');
    expect(seen.followups).toEqual([]);
    expect(callbacks(h)).toBe(1);
  });

  it('a defer on one replica racing the answer on another sends one callback, and the member sees the answer', async () => {
    for (let i = 0; i < 5; i++) {
      const h = await rank();
      const { receiver, executor } = replicasFor(h);
      await Promise.all([
        receiver.tick(h.receivedAtMs + 2500),
        executor.answer(answer(h, 'reply', `Level ${i}`)),
      ]);
      await receiver.tick(h.receivedAtMs + 11_000);
      expect(callbacks(h)).toBe(1);
      expect(sim.getInteraction(h.interactionId).original?.content).toBe(`Level ${i}`);
    }
  });

  it('forgets interactions once their token has expired', async () => {
    const h = await rank();
    await replica().answer(answer(h, 'reply', 'Level 6'));
    const states = new InteractionStates(pool, schema);
    expect(await states.prune()).toBe(0);
    await pool.query(
      `UPDATE "${schema}".interaction_states SET received_at = now() - interval '16 minutes' WHERE interaction_id = $1`,
      [h.interactionId],
    );
    expect(await states.prune()).toBe(1);
  });
});
