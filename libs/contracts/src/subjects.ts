/**
 * Subject names are part of the contract (see ARCHITECTURE.md). Every subject carries the
 * guild id right after its family so ordering holds per guild and streams can be partitioned.
 */
export const STREAMS = {
  DISCORD: { subjects: ['discord.>'] },
  DOMAIN: { subjects: ['xp.>', 'roles.>', 'onboarding.>', 'gateway.>', 'ai.>', 'analytics.>'] },
  ACTIONS: { subjects: ['actions.>'] },
  DEAD: { subjects: ['dead.>'] },
} as const;

export type StreamName = keyof typeof STREAMS;

/** `discord.<guildId>.<event>`, e.g. `discord.123.message.created`. */
export const discordSubject = (guildId: string, event: string): string => `discord.${guildId}.${event}`;

/** `<service>.<guildId>.<event>`, e.g. `xp.123.level_reached`. */
export const domainSubject = (service: string, guildId: string, event: string): string =>
  `${service}.${guildId}.${event}`;

/** `actions.<guildId>.<kind>`, e.g. `actions.123.role.add`. */
export const actionSubject = (guildId: string, kind: string): string => `actions.${guildId}.${kind}`;

/** `dead.<original subject>`: where a message goes when a consumer cannot handle it. */
export const deadSubject = (original: string): string => `dead.${original}`;

/** Interactions are owned by prefix: command name, or `custom_id` = `<owner>:<verb>:<args>`. */
export const commandSubject = (guildId: string, command: string): string =>
  discordSubject(guildId, `interaction.command.${command}`);
export const componentSubject = (guildId: string, owner: string): string =>
  discordSubject(guildId, `interaction.component.${owner}`);

/** The owner of a component interaction: the part of `custom_id` before the first colon. */
export function componentOwner(customId: string): string {
  const i = customId.indexOf(':');
  return i > 0 ? customId.slice(0, i) : 'unowned';
}
