import type { Catalog } from '../domain/catalog';
import { rolesMenu } from './roles-menu';

const catalog: Catalog = {
  categories: new Map([
    ['c1', { id: 'c1', name: 'Interests', description: '', exclusive: false, maxRoles: 2, position: 0 }],
    ['c2', { id: 'c2', name: 'Colours', description: '', exclusive: true, maxRoles: null, position: 1 }],
    ['c3', { id: 'c3', name: 'Empty', description: '', exclusive: false, maxRoles: null, position: 2 }],
  ]),
  roles: new Map([
    [
      '1',
      {
        roleId: '1',
        categoryId: 'c1',
        label: 'Artist',
        description: 'Draws things',
        emoji: '🎨',
        minLevel: null,
        requiresRules: false,
      },
    ],
    [
      '2',
      {
        roleId: '2',
        categoryId: 'c1',
        label: 'Musician',
        description: '',
        emoji: '<:lute:123>',
        minLevel: null,
        requiresRules: false,
      },
    ],
    [
      '3',
      {
        roleId: '3',
        categoryId: 'c1',
        label: 'Writer',
        description: '',
        emoji: null,
        minLevel: null,
        requiresRules: false,
      },
    ],
    [
      '4',
      {
        roleId: '4',
        categoryId: 'c2',
        label: 'Red',
        description: '',
        emoji: null,
        minLevel: null,
        requiresRules: false,
      },
    ],
  ]),
};

describe('the /roles menu', () => {
  it('has one select per non-empty category, with the member roles preselected', () => {
    const menu = rolesMenu(catalog, new Set(['2']));
    expect(menu.components).toHaveLength(2);
    const [interests, colours] = menu.components.map(
      (row) => (row.components as Record<string, unknown>[])[0],
    );
    expect(interests).toMatchObject({ type: 3, custom_id: 'roles:pick:c1', min_values: 0, max_values: 2 });
    expect(interests.options).toEqual([
      { label: 'Artist', value: '1', description: 'Draws things', emoji: { name: '🎨' }, default: false },
      { label: 'Musician', value: '2', emoji: { name: 'lute', id: '123', animated: false }, default: true },
      { label: 'Writer', value: '3', default: false },
    ]);
    expect(colours).toMatchObject({
      custom_id: 'roles:pick:c2',
      max_values: 1,
      placeholder: 'Colours (pick one)',
    });
  });

  it('says so when nothing is set up', () => {
    expect(rolesMenu({ categories: new Map(), roles: new Map() }, new Set())).toEqual({
      content: 'No self-assignable roles are set up in this server yet.',
      components: [],
    });
  });
});
