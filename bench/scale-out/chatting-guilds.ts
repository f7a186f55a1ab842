import type { Chatter } from '../lib/messages';
import { progress, progressDone } from '../lib/report';
import type { PlatformRun } from '../platform-run';

interface SimGuild {
  id: string;
  channels: { id: string }[];
}

/**
 * `guilds` guilds of `members` members each, made through the simulator's control API: a
 * guild's events all land in one partition, so load spreads over replicas only across guilds.
 * Returns who chats, the guilds interleaved (guild 0's first member, guild 1's first…), so
 * that taking them in turn spreads consecutive messages over guilds as live traffic would.
 */
export async function chattingGuilds(run: PlatformRun, guilds: number, members: number): Promise<Chatter[]> {
  const made: SimGuild[] = [];
  for (let g = 0; g < guilds; g++)
    made.push((await run.sim('POST', '/guilds', { name: `Scale ${g}`, channels: ['general'] })).body);
  const chatters: Chatter[] = [];
  for (let m = 0; m < members; m++) {
    for (const [g, guild] of made.entries()) {
      const res = await run.sim('POST', `/guilds/${guild.id}/members`, { username: `g${g}m${m}` });
      chatters.push({ guildId: guild.id, channelId: guild.channels[0].id, userId: res.body.user.id });
    }
    progress('scale-out: members', chatters.length, guilds * members);
  }
  progressDone();
  return chatters;
}
