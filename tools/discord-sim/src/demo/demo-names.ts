import type { SeededRandom } from './seeded-random';

const FIRST = [
  'alex',
  'sam',
  'jordan',
  'maya',
  'leo',
  'nina',
  'omar',
  'priya',
  'kai',
  'zoe',
  'finn',
  'lena',
  'ravi',
  'ines',
  'theo',
  'yuki',
  'mateo',
  'ana',
  'felix',
  'sofia',
  'noah',
  'elif',
  'liam',
  'mila',
  'arjun',
  'chloe',
  'diego',
  'hana',
  'ivan',
  'lucia',
  'marco',
  'nora',
  'oscar',
  'paula',
  'quinn',
  'rosa',
  'sven',
  'tara',
  'umar',
  'vera',
  'wren',
  'xavi',
  'yara',
  'zain',
  'emma',
];
const HANDLES = [
  'pixel',
  'nova',
  'ember',
  'frost',
  'echo',
  'lumen',
  'byte',
  'comet',
  'drift',
  'fable',
  'glitch',
  'haze',
  'ink',
  'jade',
  'koi',
  'lark',
  'moss',
  'nimbus',
  'orbit',
  'pebble',
  'quill',
  'rune',
  'sage',
  'tide',
  'vale',
  'willow',
  'zephyr',
  'cinder',
];
const SUFFIX = ['', '', '_', '.', 'x', 'art', 'plays', 'dev', 'gg', 'irl'];

export interface DemoPerson {
  username: string;
  globalName: string;
}

/** Believable, unique usernames ("maya.ember", "kai_rune42") with display names ("Maya"). */
export function demoPeople(random: SeededRandom, count: number): DemoPerson[] {
  const taken = new Set<string>();
  const people: DemoPerson[] = [];
  while (people.length < count) {
    const first = random.pick(FIRST);
    const style = random.int(4);
    let username =
      style === 0
        ? `${first}${random.pick(SUFFIX)}${random.int(100)}`
        : style === 1
          ? `${first}.${random.pick(HANDLES)}`
          : style === 2
            ? `${random.pick(HANDLES)}${random.pick(SUFFIX)}`
            : `${first}_${random.pick(HANDLES)}${random.int(10)}`;
    username = username.replace(/[._]$/, '');
    if (taken.has(username)) continue;
    taken.add(username);
    const globalName = style === 2 ? username : first[0].toUpperCase() + first.slice(1);
    people.push({ username, globalName });
  }
  return people;
}
