import type { Tx } from '@guildhall/eventing';
import type { Catalog, CatalogCategory, CatalogRole } from '../domain/catalog';
import type { RolesFact } from '../domain/facts';

/** The self-assignable role catalog of each guild. */
export async function projectCatalog(tx: Tx, s: string, f: RolesFact): Promise<void> {
  const g = f.guildId;
  switch (f.type) {
    case 'catalog.category_saved': {
      const c = f.data;
      await tx.query(
        `INSERT INTO ${s}.catalog_categories (guild_id, category_id, name, description, exclusive, max_roles, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (guild_id, category_id) DO UPDATE SET name = $3, description = $4, exclusive = $5, max_roles = $6, position = $7`,
        [g, c.id, c.name, c.description, c.exclusive, c.maxRoles, c.position],
      );
      return;
    }
    case 'catalog.category_deleted':
      await tx.query(`DELETE FROM ${s}.catalog_roles WHERE guild_id = $1 AND category_id = $2`, [
        g,
        f.data.categoryId,
      ]);
      await tx.query(`DELETE FROM ${s}.catalog_categories WHERE guild_id = $1 AND category_id = $2`, [
        g,
        f.data.categoryId,
      ]);
      return;
    case 'catalog.role_saved': {
      const r = f.data;
      await tx.query(
        `INSERT INTO ${s}.catalog_roles (guild_id, role_id, category_id, label, description, emoji, min_level, requires_rules)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (guild_id, role_id) DO UPDATE SET category_id = $3, label = $4, description = $5, emoji = $6, min_level = $7, requires_rules = $8`,
        [g, r.roleId, r.categoryId, r.label, r.description, r.emoji, r.minLevel, r.requiresRules],
      );
      return;
    }
    case 'catalog.role_deleted':
      await tx.query(`DELETE FROM ${s}.catalog_roles WHERE guild_id = $1 AND role_id = $2`, [
        g,
        f.data.roleId,
      ]);
      return;
    default:
      return;
  }
}

export async function loadCatalog(tx: Tx, s: string, guildId: string): Promise<Catalog> {
  const cats = await tx.query(
    `SELECT * FROM ${s}.catalog_categories WHERE guild_id = $1 ORDER BY position, name`,
    [guildId],
  );
  const roles = await tx.query(`SELECT * FROM ${s}.catalog_roles WHERE guild_id = $1 ORDER BY label`, [
    guildId,
  ]);
  const categories = new Map<string, CatalogCategory>(
    cats.rows.map((c) => [
      c.category_id,
      {
        id: c.category_id,
        name: c.name,
        description: c.description,
        exclusive: c.exclusive,
        maxRoles: c.max_roles,
        position: c.position,
      },
    ]),
  );
  const entries = new Map<string, CatalogRole>(
    roles.rows.map((r) => [
      r.role_id,
      {
        roleId: r.role_id,
        categoryId: r.category_id,
        label: r.label,
        description: r.description,
        emoji: r.emoji,
        minLevel: r.min_level,
        requiresRules: r.requires_rules,
      },
    ]),
  );
  return { categories, roles: entries };
}
