import { Catalog, rolesOfCategory } from './catalog';
import { RoleRequest } from './decide-request';

/** `roles:pick:<categoryId>`: the select menu of one catalog category in the /roles reply. */
export const PICK_PREFIX = 'roles:pick:';

export function pickCustomId(categoryId: string): string {
  return `${PICK_PREFIX}${categoryId}`;
}

export function categoryOfPick(customId: string): string | undefined {
  return customId.startsWith(PICK_PREFIX) ? customId.slice(PICK_PREFIX.length) : undefined;
}

/**
 * A select menu reports the full selection of its category, not a change: what is selected and
 * not held is added, what is held and not selected is removed.
 */
export function pickToRequest(
  catalog: Catalog,
  categoryId: string,
  held: ReadonlySet<string>,
  selected: readonly string[],
): RoleRequest {
  const inCategory = rolesOfCategory(catalog, categoryId).map((r) => r.roleId);
  const chosen = new Set(selected);
  return {
    add: selected.filter((id) => !held.has(id)),
    remove: inCategory.filter((id) => held.has(id) && !chosen.has(id)),
  };
}
