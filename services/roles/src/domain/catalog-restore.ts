import type { CatalogCategory, CatalogRole } from './catalog';
import type { CatalogSnapshot } from './catalog-changes';
import { sameValue } from '@guildhall/config-history';

export interface CatalogRestorePlan {
  saveCategories: CatalogCategory[];
  saveRoles: CatalogRole[];
  deleteRoles: string[];
  deleteCategories: string[];
}

/**
 * Pure: the catalog edits that turn `current` into `target`, in an order the projection can
 * apply (categories exist before their roles; roles leave a category before it is deleted,
 * since deleting a category drops the roles still in it).
 */
export function catalogRestorePlan(current: CatalogSnapshot, target: CatalogSnapshot): CatalogRestorePlan {
  const currentCategories = new Map(current.categories.map((c) => [c.id, c]));
  const currentRoles = new Map(current.roles.map((r) => [r.roleId, r]));
  const targetCategories = new Set(target.categories.map((c) => c.id));
  const targetRoles = new Set(target.roles.map((r) => r.roleId));
  return {
    saveCategories: target.categories.filter((c) => !sameValue(currentCategories.get(c.id), c)),
    saveRoles: target.roles.filter((r) => !sameValue(currentRoles.get(r.roleId), r)),
    deleteRoles: current.roles.filter((r) => !targetRoles.has(r.roleId)).map((r) => r.roleId),
    deleteCategories: current.categories.filter((c) => !targetCategories.has(c.id)).map((c) => c.id),
  };
}
