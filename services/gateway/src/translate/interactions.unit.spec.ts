// @guildhall/contracts decorates with class-transformer, which needs the metadata polyfill loaded first.
import 'reflect-metadata';
import type { APIInteraction } from 'discord-api-types/v10';
import { expectValidContract } from './contract-check.unit-fixture';
import { interactionCreated } from './interactions';

const INTERACTION_ID = ((BigInt(Date.parse('2026-03-01T12:00:00.000Z')) - 1420070400000n) << 22n).toString();
const member = {
  user: { id: '300', username: 'ada', discriminator: '0', global_name: null, avatar: null },
  roles: ['400'],
  permissions: '2147483648',
  joined_at: '2025-01-01T00:00:00.000Z',
  deaf: false,
  mute: false,
  flags: 0,
};
const base = {
  id: INTERACTION_ID,
  application_id: '900',
  token: 'tok-123',
  version: 1,
  guild_id: '100',
  channel: { id: '200', type: 0 },
  channel_id: '200',
  member,
  locale: 'en-US',
  app_permissions: '0',
  entitlements: [],
  authorizing_integration_owners: {},
};
const received = new Date('2026-03-01T12:00:00.050Z');

describe('interaction translations', () => {
  it('a slash command goes to its command subject with the reply handle and who asked', () => {
    const d = {
      ...base,
      type: 2,
      data: { id: '1', name: 'profile', type: 1, options: [{ name: 'member', type: 6, value: '301' }] },
    } as unknown as APIInteraction;
    const out = interactionCreated(d, received);
    expect(out?.subject).toBe('discord.100.interaction.command.profile');
    expect(out?.envelope).toMatchObject({
      id: INTERACTION_ID,
      type: 'interaction.command',
      occurredAt: '2026-03-01T12:00:00.000Z',
      data: {
        interactionId: INTERACTION_ID,
        token: 'tok-123',
        applicationId: '900',
        userId: '300',
        username: 'ada',
        channelId: '200',
        roleIds: ['400'],
        permissions: '2147483648',
        locale: 'en-US',
        commandName: 'profile',
        options: [{ name: 'member', type: 6, value: '301' }],
      },
    });
    expect(out?.handle).toEqual({
      interactionId: INTERACTION_ID,
      token: 'tok-123',
      applicationId: '900',
      guildId: '100',
      kind: 'command',
      receivedAtMs: received.getTime(),
    });
    expectValidContract(out?.envelope);
  });

  it('subcommands are flattened into the option list', () => {
    const d = {
      ...base,
      type: 2,
      data: {
        id: '1',
        name: 'roles',
        type: 1,
        options: [{ name: 'add', type: 1, options: [{ name: 'role', type: 8, value: '7' }] }],
      },
    } as unknown as APIInteraction;
    expect(interactionCreated(d, received)?.envelope.data).toMatchObject({
      options: [
        { name: 'add', type: 1 },
        { name: 'role', type: 8, value: '7' },
      ],
    });
  });

  it('a button goes to the subject of the custom_id owner', () => {
    const d = {
      ...base,
      type: 3,
      message: { id: '700' },
      data: { custom_id: 'onboarding:agree:1', component_type: 2 },
    } as unknown as APIInteraction;
    const out = interactionCreated(d, received);
    expect(out?.subject).toBe('discord.100.interaction.component.onboarding');
    expect(out?.envelope.data).toMatchObject({
      customId: 'onboarding:agree:1',
      componentType: 2,
      values: [],
      messageId: '700',
    });
    expect(out?.handle.kind).toBe('component');
    expectValidContract(out?.envelope);
  });

  it('select menus carry their values', () => {
    const d = {
      ...base,
      type: 3,
      message: { id: '700' },
      data: { custom_id: 'roles:pick', component_type: 3, values: ['a', 'b'] },
    } as unknown as APIInteraction;
    expect(interactionCreated(d, received)?.envelope.data).toMatchObject({ values: ['a', 'b'] });
  });

  it('interactions outside a guild, autocomplete and pings are skipped', () => {
    const dm = {
      ...base,
      guild_id: undefined,
      member: undefined,
      user: member.user,
      type: 2,
      data: { name: 'x' },
    };
    expect(interactionCreated(dm as unknown as APIInteraction, received)).toBeUndefined();
    expect(
      interactionCreated({ ...base, type: 4, data: { name: 'x' } } as unknown as APIInteraction, received),
    ).toBeUndefined();
    expect(interactionCreated({ ...base, type: 1 } as unknown as APIInteraction, received)).toBeUndefined();
  });
});
