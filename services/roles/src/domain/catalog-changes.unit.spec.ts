import { catalogChanges, CatalogSnapshot, EMPTY_CATALOG } from './catalog-changes';
import type { CatalogRole } from './catalog';

const interests = {
  id: 'c1',
  name: 'Interests',
  description: '',
  exclusive: false,
  maxRoles: null,
  position: 0,
};
const colours = { id: 'c2', name: 'Colours', description: '', exclusive: true, maxRoles: null, position: 1 };
const artist: CatalogRole = {
  roleId: '310000000000000011',
  categoryId: 'c1',
  label: 'Artist',
  description: '',
  emoji: null,
  minLevel: null,
  requiresRules: false,
};
const snapshot = (patch: Partial<CatalogSnapshot>): CatalogSnapshot => ({
  categories: [interests, colours],
  roles: [artist],
  ...patch,
});
const texts = (b: CatalogSnapshot, a: CatalogSnapshot) => catalogChanges(b, a).map((c) => c.text);

describe('what changed in the role catalog', () => {
  it('the same catalog has no changes', () => {
    expect(catalogChanges(snapshot({}), snapshot({}))).toEqual([]);
  });

  it('a first category and role read as added', () => {
    expect(texts(EMPTY_CATALOG, snapshot({ categories: [interests] }))).toEqual([
      'category "Interests" added',
      'role "Artist" added to "Interests"',
    ]);
  });

  it('a role moved, relabelled and gated by level', () => {
    const moved = { ...artist, categoryId: 'c2', label: 'Painter', minLevel: 5 };
    expect(texts(snapshot({}), snapshot({ roles: [moved] }))).toEqual([
      'category of role "Painter" "Interests" → "Colours"',
      'label of role "Artist" "Artist" → "Painter"',
      'minimum level of role "Painter" none → 5',
    ]);
  });

  it('categories renamed, made exclusive, removed with their roles', () => {
    const renamed = { ...interests, name: 'Hobbies', exclusive: true, maxRoles: 2 };
    expect(texts(snapshot({}), snapshot({ categories: [renamed], roles: [] }))).toEqual([
      'category name "Interests" → "Hobbies"',
      'category "Hobbies" pick only one no → yes',
      'most roles per member in "Hobbies" no limit → 2',
      'category "Colours" removed',
      'role "Artist" removed from "Hobbies"',
    ]);
  });
});
