import { levelFor, levelProgress, progressBar, xpForLevel } from './levels';

describe('level curves', () => {
  it('default curve: level = floor(sqrt(xp / 100))', () => {
    for (const xp of [0, 1, 99, 100, 399, 400, 899, 900, 10_000, 123_456, 9_999_999]) {
      expect(levelFor('sqrt', xp)).toBe(Math.floor(Math.sqrt(xp / 100)));
    }
  });

  it('default curve: a member reaches level 1 at 100 XP and level 2 at 400 XP', () => {
    expect(levelFor('sqrt', 99)).toBe(0);
    expect(levelFor('sqrt', 100)).toBe(1);
    expect(levelFor('sqrt', 399)).toBe(1);
    expect(levelFor('sqrt', 400)).toBe(2);
  });

  it('step curve: each level L costs 5·L²+50·L+100 more XP (100, 255, 475, 770 …)', () => {
    expect([1, 2, 3, 4].map((l) => xpForLevel('step', l))).toEqual([100, 255, 475, 770]);
    for (let l = 0; l < 200; l++) {
      expect(xpForLevel('step', l + 1) - xpForLevel('step', l)).toBe(5 * l * l + 50 * l + 100);
    }
  });

  it('step curve: the level flips exactly at each threshold', () => {
    for (let l = 1; l < 150; l++) {
      const at = xpForLevel('step', l);
      expect(levelFor('step', at - 1)).toBe(l - 1);
      expect(levelFor('step', at)).toBe(l);
    }
  });

  it('a profile shows how much XP is left to the next level', () => {
    expect(levelProgress('sqrt', 250)).toEqual({
      level: 1,
      xpIntoLevel: 150,
      xpForNextLevel: 300,
      xpToNextLevel: 150,
    });
    expect(levelProgress('step', 0)).toEqual({
      level: 0,
      xpIntoLevel: 0,
      xpForNextLevel: 100,
      xpToNextLevel: 100,
    });
    expect(levelProgress('step', 300)).toEqual({
      level: 2,
      xpIntoLevel: 45,
      xpForNextLevel: 220,
      xpToNextLevel: 175,
    });
  });

  it('draws a half-full bar halfway through a level', () => {
    expect(progressBar(levelProgress('sqrt', 250))).toBe('▰▰▰▰▰▱▱▱▱▱');
  });
});
