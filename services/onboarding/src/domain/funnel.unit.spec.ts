import { median, summarizeFunnel } from './funnel';

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1) + minutes * 60_000);

describe('onboarding funnel', () => {
  it('median of odd and even counts, and of nothing', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('counts each step over the members who joined, with median times', () => {
    const f = summarizeFunnel([
      { joinedAt: at(0), agreedAt: at(1), quizCompletedAt: at(11) },
      { joinedAt: at(0), agreedAt: at(3), quizCompletedAt: null },
      { joinedAt: at(0), agreedAt: at(5), quizCompletedAt: at(35) },
      { joinedAt: at(0), agreedAt: null, quizCompletedAt: null },
    ]);
    expect(f.joined).toEqual({ count: 4, rate: 1, medianSecondsFromJoin: 0 });
    expect(f.agreed).toEqual({ count: 3, rate: 0.75, medianSecondsFromJoin: 180 });
    expect(f.quizCompleted).toEqual({ count: 2, rate: 0.5, medianSecondsFromJoin: (660 + 2100) / 2 });
    expect(f.medianSecondsAgreeToQuiz).toBe((600 + 1800) / 2);
  });

  it('an empty guild has zero counts and no medians', () => {
    const f = summarizeFunnel([]);
    expect(f.joined).toEqual({ count: 0, rate: 0, medianSecondsFromJoin: null });
    expect(f.agreed.medianSecondsFromJoin).toBeNull();
    expect(f.medianSecondsAgreeToQuiz).toBeNull();
  });
});
