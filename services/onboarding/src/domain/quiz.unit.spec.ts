import { completesQuiz, gradeAttempt, pointsFor, publicQuestions, QuizQuestion } from './quiz';

const questions: QuizQuestion[] = [
  { id: 'q1', prompt: 'One?', choices: ['a', 'b'], answer: 1, explanation: 'because' },
  { id: 'q2', prompt: 'Two?', choices: ['a', 'b', 'c'], answer: 0 },
  { id: 'q3', prompt: 'Three?', choices: ['a', 'b'], answer: 0 },
];

describe('quiz grading', () => {
  it('the public quiz carries no answers or explanations', () => {
    const shown = JSON.stringify(publicQuestions(questions));
    expect(shown).not.toContain('answer');
    expect(shown).not.toContain('because');
    expect(publicQuestions(questions)[1]).toEqual({ id: 'q2', prompt: 'Two?', choices: ['a', 'b', 'c'] });
  });

  it('all right passes', () => {
    const r = gradeAttempt(questions, [
      { questionId: 'q1', choice: 1 },
      { questionId: 'q2', choice: 0 },
      { questionId: 'q3', choice: 0 },
    ]);
    expect(r.ok && r.grade).toMatchObject({ correct: 3, total: 3, passed: true });
  });

  it('two of three right passes; one of three does not', () => {
    const two = gradeAttempt(questions, [
      { questionId: 'q1', choice: 1 },
      { questionId: 'q2', choice: 0 },
      { questionId: 'q3', choice: 1 },
    ]);
    expect(two.ok && two.grade.passed).toBe(true);
    const one = gradeAttempt(questions, [
      { questionId: 'q1', choice: 1 },
      { questionId: 'q2', choice: 2 },
      { questionId: 'q3', choice: 1 },
    ]);
    expect(one.ok && one.grade.passed).toBe(false);
  });

  it('a two-question quiz needs both right', () => {
    const pair = questions.slice(0, 2);
    const r = gradeAttempt(pair, [
      { questionId: 'q1', choice: 1 },
      { questionId: 'q2', choice: 1 },
    ]);
    expect(r.ok && r.grade).toMatchObject({ correct: 1, passed: false });
  });

  it('an unanswered question counts as wrong', () => {
    const r = gradeAttempt(questions, [{ questionId: 'q1', choice: 1 }]);
    expect(r.ok && r.grade.results[1]).toEqual({
      questionId: 'q2',
      chosen: null,
      correct: false,
      correctChoice: 0,
    });
  });

  it('names the field of an unknown question, a repeated answer or a choice out of range', () => {
    expect(gradeAttempt(questions, [{ questionId: 'zz', choice: 0 }])).toMatchObject({
      ok: false,
      field: 'answers.0.questionId',
    });
    expect(
      gradeAttempt(questions, [
        { questionId: 'q1', choice: 0 },
        { questionId: 'q1', choice: 1 },
      ]),
    ).toMatchObject({ ok: false, field: 'answers.1.questionId' });
    expect(gradeAttempt(questions, [{ questionId: 'q1', choice: 5 }])).toMatchObject({
      ok: false,
      field: 'answers.0.choice',
    });
  });

  it('points come once per rule, on the first pass', () => {
    const pass = { correct: 3, total: 3, passed: true, results: [] };
    expect(pointsFor(pass, false)).toBe(30);
    expect(pointsFor(pass, true)).toBe(0);
    expect(pointsFor({ ...pass, correct: 1, passed: false }, false)).toBe(0);
  });

  it('the quiz is complete when every rule in force is passed', () => {
    expect(completesQuiz(['a', 'b'], ['a'])).toBe(false);
    expect(completesQuiz(['a', 'b'], ['b', 'a', 'old'])).toBe(true);
    expect(completesQuiz([], [])).toBe(false);
  });
});
