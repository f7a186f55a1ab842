import {
  ConfigChange,
  fieldChange,
  keyedChanges,
  orderChange,
  show,
  showPlain,
} from '@guildhall/config-history';
import type { CatalogCategory, CatalogRole } from './catalog';

/** The catalog as one value, what each version of it stores. Arrays in display order. */
export interface CatalogSnapshot {
  categories: CatalogCategory[];
  roles: CatalogRole[];
}

export const EMPTY_CATALOG: CatalogSnapshot = { categories: [], roles: [] };

const ROLE_FIELDS: { key: keyof CatalogRole; label: string }[] = [
  { key: 'label', label: 'label' },
  { key: 'description', label: 'description' },
  { key: 'emoji', label: 'emoji' },
  { key: 'minLevel', label: 'minimum level' },
  { key: 'requiresRules', label: 'requires the rules' },
];

/** Pure: what changed in the self-assignable role catalog between two versions. */
export function catalogChanges(before: CatalogSnapshot, after: CatalogSnapshot): ConfigChange[] {
  const categoryName = (id: string) =>
    after.categories.find((c) => c.id === id)?.name ?? before.categories.find((c) => c.id === id)?.name ?? id;
  return [
    ...keyedChanges(
      'categories',
      new Map(before.categories.map((c) => [c.id, c])),
      new Map(after.categories.map((c) => [c.id, c])),
      {
        name: (_id, c) => `category ${show(c.name)}`,
        changed: (_id, b, a, path) => [
          ...fieldChange(`${path}.name`, 'category name', b.name, a.name),
          ...fieldChange(
            `${path}.description`,
            `description of category "${a.name}"`,
            b.description,
            a.description,
          ),
          ...fieldChange(`${path}.exclusive`, `category "${a.name}" pick only one`, b.exclusive, a.exclusive),
          ...fieldChange(
            `${path}.maxRoles`,
            `most roles per member in "${a.name}"`,
            b.maxRoles,
            a.maxRoles,
            (v) => (v === null ? 'no limit' : showPlain(v)),
          ),
          ...fieldChange(`${path}.position`, `position of category "${a.name}"`, b.position, a.position),
        ],
      },
    ),
    ...keyedChanges(
      'roles',
      new Map(before.roles.map((r) => [r.roleId, r])),
      new Map(after.roles.map((r) => [r.roleId, r])),
      {
        name: (_id, r) => `role ${show(r.label)}`,
        added: (_id, r) => `role ${show(r.label)} added to "${categoryName(r.categoryId)}"`,
        removed: (_id, r) => `role ${show(r.label)} removed from "${categoryName(r.categoryId)}"`,
        changed: (_id, b, a, path) => [
          ...fieldChange(
            `${path}.categoryId`,
            `category of role "${a.label}"`,
            categoryName(b.categoryId),
            categoryName(a.categoryId),
          ),
          ...ROLE_FIELDS.flatMap(({ key, label }) =>
            fieldChange(
              `${path}.${key}`,
              `${label} of role "${key === 'label' ? b.label : a.label}"`,
              b[key],
              a[key],
              key === 'minLevel' ? showPlain : show,
            ),
          ),
        ],
      },
    ),
    ...orderChange(
      'categories.order',
      'categories',
      before.categories.map((c) => c.id),
      after.categories.map((c) => c.id),
    ),
  ];
}
