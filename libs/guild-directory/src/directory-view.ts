import type {
  DirectoryCategoryView,
  DirectoryChannelView,
  DirectoryRoleView,
  GuildDirectoryResponse,
} from '@guildhall/contracts';
import type { GuildDirectory } from './directory-reads';
import { unsafeRoleReason } from './role-safety';

export const CATEGORY_CHANNEL = 4;
/** Channels a moderator can point XP or a message at: text, announcement, forum (whose posts are threads). */
export const TEXT_CHANNEL_TYPES: readonly number[] = [0, 5, 15];

const byPosition = (a: { position: number; id: string }, b: { position: number; id: string }) =>
  a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The picker's view of a guild: roles highest first with whether they may be granted, text channels under their categories. */
export function directoryView(guildId: string, dir: GuildDirectory | null): GuildDirectoryResponse {
  if (!dir) return { guildId, known: false, channelsKnown: false, syncedAt: null, roles: [], categories: [] };
  const model = { roles: new Map(dir.roles.map((r) => [r.id, r])), botRoleIds: dir.botRoleIds };
  const roles: DirectoryRoleView[] = dir.roles
    // @everyone has the guild's id: every member has it, so nobody grants or picks it.
    .filter((r) => r.id !== guildId)
    .sort((a, b) => byPosition(b, a))
    .map((r) => {
      const reason = unsafeRoleReason(model, r.id);
      return {
        id: r.id,
        name: r.name,
        color: r.color,
        position: r.position,
        managed: r.managed,
        assignable: reason === undefined,
        ...(reason ? { reason } : {}),
      };
    });
  const categories = dir.channels.filter((c) => c.type === CATEGORY_CHANNEL).sort(byPosition);
  const names = new Map(categories.map((c) => [c.id, c.name]));
  const groups = new Map<string | null, DirectoryChannelView[]>([
    [null, []],
    ...categories.map((c) => [c.id, []] as [string, DirectoryChannelView[]]),
  ]);
  for (const c of dir.channels.filter((c) => TEXT_CHANNEL_TYPES.includes(c.type)).sort(byPosition)) {
    const categoryId = c.parentId && names.has(c.parentId) ? c.parentId : null;
    groups.get(categoryId)!.push({
      id: c.id,
      name: c.name,
      type: c.type,
      categoryId,
      categoryName: categoryId ? names.get(categoryId)! : null,
    });
  }
  const grouped: DirectoryCategoryView[] = [...groups.entries()]
    .filter(([, channels]) => channels.length > 0)
    .map(([id, channels]) => ({ id, name: id ? names.get(id)! : null, channels }));
  return {
    guildId,
    known: true,
    channelsKnown: dir.channelsKnown,
    syncedAt: dir.syncedAt,
    roles,
    categories: grouped,
  };
}
