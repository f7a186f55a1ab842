/** Self-assignable roles, grouped in categories the moderators define (e.g. "Artist" under Interests). */
export interface CatalogCategory {
  id: string;
  name: string;
  description: string;
  /** Pick one: choosing a role of this category drops the member's other roles in it. */
  exclusive: boolean;
  /** At most this many roles of the category per member; null for no limit. */
  maxRoles: number | null;
  position: number;
}

export interface CatalogRole {
  roleId: string;
  categoryId: string;
  label: string;
  description: string;
  emoji: string | null;
  minLevel: number | null;
  requiresRules: boolean;
}

export interface Catalog {
  categories: ReadonlyMap<string, CatalogCategory>;
  roles: ReadonlyMap<string, CatalogRole>;
}

export function rolesOfCategory(catalog: Catalog, categoryId: string): CatalogRole[] {
  return [...catalog.roles.values()].filter((r) => r.categoryId === categoryId);
}
