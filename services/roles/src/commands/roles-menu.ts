import type { Catalog } from '../domain/catalog';
import { rolesOfCategory } from '../domain/catalog';
import { pickCustomId } from '../domain/role-picker';

/** Discord allows 5 action rows per message and 25 options per select menu. */
const MAX_ROWS = 5;
const MAX_OPTIONS = 25;
const CUSTOM_EMOJI = /^<(a?):(\w{2,32}):(\d{1,20})>$/;

export interface MenuMessage {
  content: string;
  components: Record<string, unknown>[];
}

/** The ephemeral /roles answer: one select menu per catalog category, the member's roles preselected. */
export function rolesMenu(catalog: Catalog, held: ReadonlySet<string>): MenuMessage {
  const categories = [...catalog.categories.values()]
    .map((c) => ({ category: c, roles: rolesOfCategory(catalog, c.id).slice(0, MAX_OPTIONS) }))
    .filter((c) => c.roles.length > 0)
    .slice(0, MAX_ROWS);
  if (categories.length === 0)
    return { content: 'No self-assignable roles are set up in this server yet.', components: [] };
  const components = categories.map(({ category, roles }) => ({
    type: 1,
    components: [
      {
        type: 3,
        custom_id: pickCustomId(category.id),
        placeholder: truncate(category.exclusive ? `${category.name} (pick one)` : category.name, 150),
        min_values: 0,
        max_values: category.exclusive ? 1 : Math.min(category.maxRoles ?? roles.length, roles.length),
        options: roles.map((r) => ({
          label: truncate(r.label, 100),
          value: r.roleId,
          ...(r.description ? { description: truncate(r.description, 100) } : {}),
          ...(r.emoji ? { emoji: emojiOf(r.emoji) } : {}),
          default: held.has(r.roleId),
        })),
      },
    ],
  }));
  return { content: 'Choose your roles:', components };
}

function emojiOf(emoji: string): Record<string, unknown> {
  const custom = CUSTOM_EMOJI.exec(emoji);
  return custom ? { name: custom[2], id: custom[3], animated: custom[1] === 'a' } : { name: emoji };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
