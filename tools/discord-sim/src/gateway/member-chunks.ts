import { GatewayDispatchEvents, type GatewayRequestGuildMembersData } from 'discord-api-types/v10';
import { memberPayload } from '../state/payloads';
import type { SimWorld } from '../state/world';
import type { GatewaySession } from './gateway-session';

/** Discord answers op 8 in GUILD_MEMBERS_CHUNK dispatches of at most 1000 members. */
const CHUNK_SIZE = 1000;

export function sendMemberChunks(
  world: SimWorld,
  session: GatewaySession,
  d: GatewayRequestGuildMembersData,
): void {
  const guildIds = Array.isArray(d.guild_id) ? d.guild_id : [d.guild_id];
  for (const guildId of guildIds) {
    const guild = world.guilds.get(guildId);
    if (!guild) continue;
    const wanted =
      'user_ids' in d && d.user_ids ? new Set(Array.isArray(d.user_ids) ? d.user_ids : [d.user_ids]) : null;
    const query = 'query' in d && d.query ? d.query.toLowerCase() : '';
    const requested = (d as { limit?: number }).limit;
    const limit = requested && requested > 0 ? requested : Number.POSITIVE_INFINITY;
    const members = [];
    for (const member of guild.members.values()) {
      if (members.length >= limit) break;
      const user = world.users.get(member.userId);
      if (!user) continue;
      if (wanted && !wanted.has(user.id)) continue;
      if (
        query &&
        !user.username.toLowerCase().startsWith(query) &&
        !(member.nick ?? '').toLowerCase().startsWith(query)
      )
        continue;
      members.push(memberPayload(member, user));
    }
    const notFound = wanted ? [...wanted].filter((id) => !guild.members.has(id)) : [];
    const chunkCount = Math.max(1, Math.ceil(members.length / CHUNK_SIZE));
    for (let i = 0; i < chunkCount; i++) {
      const chunk = {
        guild_id: guildId,
        members: members.slice(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE),
        chunk_index: i,
        chunk_count: chunkCount,
        ...(i === 0 && notFound.length ? { not_found: notFound } : {}),
        ...(d.nonce ? { nonce: d.nonce } : {}),
      };
      session.dispatch(GatewayDispatchEvents.GuildMembersChunk, JSON.stringify(chunk));
    }
  }
}
