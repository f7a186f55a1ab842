import {
  agreementAfterPublish,
  decideAgree,
  decideJoin,
  MemberState,
  memberStatus,
  reagreementMoves,
} from './agreement';

const J1 = '2026-01-01T00:00:00.000Z';
const J2 = '2026-02-01T00:00:00.000Z';
const roles = { preMemberRoleId: '11', memberRoleId: '12' };
const present = (agreedVersion: number | null, joinedAt = J1): MemberState => ({
  present: true,
  joinedAt,
  agreedVersion,
});
const gone = (agreedVersion: number | null): MemberState => ({ present: false, joinedAt: J1, agreedVersion });

describe('joining', () => {
  it('a first-time member is onboarded: Pre-Member and a greeting', () => {
    expect(decideJoin(undefined, { bot: false, joinedAt: J1 }, false)).toEqual({
      kind: 'onboard',
      restarted: false,
    });
  });

  it('bots are not onboarded', () => {
    expect(decideJoin(undefined, { bot: true, joinedAt: J1 }, false)).toEqual({
      kind: 'ignore',
      reason: 'bot',
    });
  });

  it('the same join reported again changes nothing', () => {
    expect(decideJoin(present(null), { bot: false, joinedAt: J1 }, false)).toEqual({
      kind: 'ignore',
      reason: 'duplicate',
    });
  });

  it('a member who agreed, left and rejoined keeps the agreement unless the guild restarts them', () => {
    expect(decideJoin(gone(1), { bot: false, joinedAt: J2 }, false)).toEqual({
      kind: 'welcome_back',
      agreedVersion: 1,
    });
    expect(decideJoin(gone(1), { bot: false, joinedAt: J2 }, true)).toEqual({
      kind: 'onboard',
      restarted: true,
    });
  });

  it('a member who rejoins without ever agreeing is onboarded again', () => {
    expect(decideJoin(gone(null), { bot: false, joinedAt: J2 }, false)).toEqual({
      kind: 'onboard',
      restarted: false,
    });
  });
});

describe('agreeing', () => {
  it('a member who needs agreement agrees to the version in force and swaps roles', () => {
    expect(decideAgree(present(null), 3, roles)).toEqual({ kind: 'agree', version: 3, swapRoles: true });
  });

  it('a member unknown to the service (joined before it watched) can agree', () => {
    expect(decideAgree(undefined, 1, roles)).toEqual({ kind: 'agree', version: 1, swapRoles: true });
  });

  it('a second click changes nothing', () => {
    expect(decideAgree(present(2), 2, roles)).toEqual({ kind: 'already_agreed', version: 2 });
  });

  it('agreeing to a newer version that did not require it records the agreement but leaves roles alone', () => {
    expect(decideAgree(present(1), 2, roles)).toEqual({ kind: 'agree', version: 2, swapRoles: false });
  });

  it('without a Member role the agreement waits for setup', () => {
    expect(decideAgree(present(null), 1, { preMemberRoleId: '11', memberRoleId: null })).toEqual({
      kind: 'not_ready',
    });
  });
});

describe('publishing a new rules version', () => {
  it('voids older agreements only when re-agreement is required', () => {
    expect(agreementAfterPublish(1, 2, true)).toBeNull();
    expect(agreementAfterPublish(1, 2, false)).toBe(1);
    expect(agreementAfterPublish(2, 2, true)).toBe(2);
    expect(agreementAfterPublish(null, 2, true)).toBeNull();
  });

  it('status reads as the member sees it', () => {
    expect(memberStatus(undefined)).toBe('unknown');
    expect(memberStatus(present(null))).toBe('needs_agreement');
    expect(memberStatus(present(1))).toBe('agreed');
    expect(memberStatus(gone(1))).toBe('left');
  });
});

describe('reagreementMoves', () => {
  it('sends members who agreed to an older version back to Pre-Member when the guild asks for it', () => {
    expect(reagreementMoves(['1', '2'], { ...roles, reagreeOnNewVersion: true })).toEqual([
      { userId: '1', removeRoleId: '12', addRoleId: '11' },
      { userId: '2', removeRoleId: '12', addRoleId: '11' },
    ]);
  });
  it('moves nobody when the setting is off or there are no roles to move between', () => {
    expect(reagreementMoves(['1'], { ...roles, reagreeOnNewVersion: false })).toEqual([]);
    expect(
      reagreementMoves(['1'], { preMemberRoleId: null, memberRoleId: null, reagreeOnNewVersion: true }),
    ).toEqual([]);
  });
});
