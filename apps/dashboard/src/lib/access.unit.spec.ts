import { decideAccess, mayActFor } from './access';
import type { Session } from './session';

const GUILD = '100000000000000001';
const OTHER = '100000000000000002';
const session = (role: 'member' | 'moderator' | 'owner', guildId = GUILD): Session => ({
  user: { id: '200000000000000001', username: 'mia', globalName: null, avatar: null },
  guilds: [{ id: guildId, name: 'Hall', icon: null, role }],
  exp: Math.floor(Date.now() / 1000) + 60,
});

describe('who may open what', () => {
  it('lets anyone see public routes, with a caller only when they share the guild', () => {
    const anon = decideAccess(undefined, GUILD, 'public');
    expect(anon).toMatchObject({ ok: true, access: { caller: undefined } });
    const member = decideAccess(session('member'), GUILD, 'public');
    expect(member).toMatchObject({ ok: true, access: { caller: { role: 'member', guildId: GUILD } } });
  });

  it('asks an anonymous visitor to sign in and refuses members of other guilds', () => {
    expect(decideAccess(undefined, GUILD, 'member')).toMatchObject({ ok: false, status: 401 });
    expect(decideAccess(session('moderator', OTHER), GUILD, 'member')).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it('keeps members out of moderator routes and lets moderators and owners in', () => {
    expect(decideAccess(session('member'), GUILD, 'moderator')).toMatchObject({ ok: false, status: 403 });
    expect(decideAccess(session('moderator'), GUILD, 'moderator').ok).toBe(true);
    expect(decideAccess(session('owner'), GUILD, 'moderator').ok).toBe(true);
  });

  it('rejects a guild id that is not a Discord id before anything else', () => {
    expect(decideAccess(session('owner'), '../etc', 'public')).toMatchObject({ ok: false, status: 400 });
  });

  it('lets a member act only for themselves, a moderator for anyone', () => {
    expect(mayActFor('member', '1', '1')).toBe(true);
    expect(mayActFor('member', '1', '2')).toBe(false);
    expect(mayActFor('moderator', '1', '2')).toBe(true);
  });
});
