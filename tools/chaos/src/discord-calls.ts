import type { RecordedCall } from '@guildhall/discord-sim';
import { announceKey, greetingKey, roleKey } from './expected-calls';

export interface CallChannels {
  /** Where the chatters talk and level-ups are announced. */
  chatChannelId: string;
  /** Where onboarding greets newcomers. */
  rulesChannelId: string;
}

const COMMANDS = /\/applications\/\d+\/guilds\/(\d+)\/commands$/;
const MEMBER_ROLE = /\/guilds\/\d+\/members\/(\d+)\/roles\/(\d+)$/;
const CHANNEL_MESSAGES = /\/channels\/(\d+)\/messages$/;
const LEVEL_UP = /<@(\d+)> reached \*\*level (\d+)\*\*/;
const GREETING = /^Welcome <@(\d+)>/;

/**
 * A bulk overwrite of a guild's commands: services send one at every start (so a new command set
 * reaches known guilds without a resync) and the gateway's guild.synced asks for one. It replaces
 * the set with the same set, so a restart's registration is upkeep, not an extra effect.
 */
export const upkeepKey = (guildId: string) => `commands ${guildId}`;
export const isUpkeep = (key: string) => key.startsWith('commands ');

/**
 * What a mutating call Discord answered did, named as expected-calls.ts names it; anything else
 * is named by method and path, so an unexpected call shows up as itself. Reads (GET) change
 * nothing a member sees and are left out; so are calls Discord refused.
 */
export function callKey(call: RecordedCall, channels: CallChannels): string | undefined {
  if (call.method === 'GET' || call.status >= 300) return undefined;
  const commands = COMMANDS.exec(call.path);
  if (commands && call.method === 'PUT') return upkeepKey(commands[1]);
  const role = MEMBER_ROLE.exec(call.path);
  if (role && call.method === 'PUT') return roleKey(role[1], role[2]);
  const channel = CHANNEL_MESSAGES.exec(call.path);
  if (channel && call.method === 'POST') {
    const content = String((call.body as { content?: unknown } | null)?.content ?? '');
    const levelUp = LEVEL_UP.exec(content);
    if (channel[1] === channels.chatChannelId && levelUp) return announceKey(levelUp[1], Number(levelUp[2]));
    const greeting = GREETING.exec(content);
    if (channel[1] === channels.rulesChannelId && greeting) return greetingKey(greeting[1]);
  }
  return `${call.method} ${call.path.replace(/^\/api\/v\d+/, '')}`;
}

/**
 * What makes Discord answer a repeat of this call without a second effect: a message sent with
 * `enforce_nonce` returns the message first made with that nonce (the gateway re-sends one it
 * may have sent before dying), and a PUT (a role added) is idempotent. Undefined: a repeat is
 * a second effect.
 */
export function repeatGuard(call: RecordedCall): string | undefined {
  if (call.method === 'PUT') return 'PUT';
  const body = call.body as { nonce?: unknown; enforce_nonce?: unknown } | null;
  return call.method === 'POST' && body?.enforce_nonce === true && body.nonce !== undefined
    ? `nonce ${String(body.nonce)}`
    : undefined;
}
