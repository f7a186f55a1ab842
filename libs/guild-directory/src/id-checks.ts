import type { GuildDirectory } from './directory-reads';
import { CATEGORY_CHANNEL } from './directory-view';

/** Ids a write names, by the request field that holds them. */
export interface IdReference {
  field: string;
  kind: 'role' | 'channel';
  ids: readonly string[];
}

/**
 * Why a write's ids do not belong to the guild, one line per problem naming the field; empty when
 * all do. A guild never synced is said so, rather than blaming each id.
 */
export function unknownIdProblems(dir: GuildDirectory | null, refs: readonly IdReference[]): string[] {
  const problems: string[] = [];
  const roles = new Set(dir?.roles.map((r) => r.id));
  const channels = new Map(dir?.channels.map((c) => [c.id, c]));
  for (const { field, kind, ids } of refs) {
    if (ids.length === 0) continue;
    if (!dir) {
      problems.push(
        `${field}: this server's ${kind}s are not known yet: Guildhall has not received the server from Discord (is the bot in the server and connected?)`,
      );
      continue;
    }
    if (kind === 'channel' && !dir.channelsKnown) {
      problems.push(
        `${field}: this server's channels are not known yet: they arrive with the bot's next connection to Discord`,
      );
      continue;
    }
    for (const id of new Set(ids)) {
      if (kind === 'role' && !roles.has(id))
        problems.push(`${field}: role ${id} is not a role of this server`);
      if (kind === 'channel') {
        const c = channels.get(id);
        if (!c) problems.push(`${field}: channel ${id} is not a channel of this server`);
        else if (c.type === CATEGORY_CHANNEL)
          problems.push(`${field}: ${c.name} (${id}) is a category, not a channel`);
      }
    }
  }
  return problems;
}
