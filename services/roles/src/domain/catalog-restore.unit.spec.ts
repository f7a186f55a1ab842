import type { CatalogRole } from './catalog';
import { catalogRestorePlan } from './catalog-restore';

const cat = (id: string, name = id) => ({
  id,
  name,
  description: '',
  exclusive: false,
  maxRoles: null,
  position: 0,
});
const role = (roleId: string, categoryId: string, label = roleId): CatalogRole => ({
  roleId,
  categoryId,
  label,
  description: '',
  emoji: null,
  minLevel: null,
  requiresRules: false,
});

describe('restoring a catalog version', () => {
  it('the same catalog needs no edits', () => {
    const c = { categories: [cat('a')], roles: [role('1', 'a')] };
    expect(catalogRestorePlan(c, structuredClone(c))).toEqual({
      saveCategories: [],
      saveRoles: [],
      deleteRoles: [],
      deleteCategories: [],
    });
  });

  it('brings back removed entries, undoes edits and drops what the old version did not have', () => {
    const current = {
      categories: [cat('a', 'Renamed'), cat('b')],
      roles: [role('1', 'b', 'Painter'), role('2', 'b')],
    };
    const target = {
      categories: [cat('a', 'Interests'), cat('c')],
      roles: [role('1', 'a', 'Artist'), role('3', 'c')],
    };
    expect(catalogRestorePlan(current, target)).toEqual({
      saveCategories: [cat('a', 'Interests'), cat('c')],
      saveRoles: [role('1', 'a', 'Artist'), role('3', 'c')],
      deleteRoles: ['2'],
      deleteCategories: ['b'],
    });
  });
});
