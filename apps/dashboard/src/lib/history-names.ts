import type { ConfigHistoryPage } from '@guildhall/config-history';
import { getMemberXp } from './clients/xp';
import { guildRoles } from './discord-guild-roles';
import { memberName } from './member-name';
import type { Session } from './session';

export type NamedHistoryPage = ConfigHistoryPage & { names: Record<string, string> };

/**
 * Services keep ids; a moderator reads names. Adds who saved each version and the roles the
 * changes mention, where the dashboard knows them (one lookup per distinct author, at most a page).
 */
export async function namedHistory(
  guildId: string,
  page: ConfigHistoryPage,
  session?: Session,
): Promise<NamedHistoryPage> {
  const authors = [...new Set(page.versions.map((v) => v.by).filter((b): b is string => b !== null))];
  const [roles, profiles] = await Promise.all([
    guildRoles(guildId),
    Promise.all(authors.map((id) => getMemberXp(guildId, id).catch(() => undefined))),
  ]);
  const names: Record<string, string> = {};
  authors.forEach((id, i) => (names[id] = memberName(id, session, profiles[i]?.username ?? null)));
  const roleNames = new Map(roles.map((r) => [r.id, r.name]));
  const withNames = (text: string) =>
    text.replace(/\brole (\d{17,20})\b/g, (m, id: string) =>
      roleNames.has(id) ? `role ${roleNames.get(id)}` : m,
    );
  return {
    ...page,
    names,
    versions: page.versions.map((v) => ({
      ...v,
      summary: withNames(v.summary),
      changes: v.changes.map((c) => ({ ...c, text: withNames(c.text) })),
    })),
  };
}
