import {
  blankQuestion,
  moveChoice,
  newQuestionId,
  quizProblems,
  removeChoice,
  toQuestionInput,
  type QuestionDraft,
} from './quiz-draft';

const q = (patch: Partial<QuestionDraft> = {}): QuestionDraft => ({
  id: 'q1',
  prompt: 'Is spam allowed?',
  choices: ['Yes', 'No'],
  answer: 1,
  ...patch,
});
const messages = (questions: QuestionDraft[]) => quizProblems(0, 'No spam', questions).map((p) => p.message);

describe('checking a rule quiz before publishing', () => {
  it('a complete question passes', () => {
    expect(quizProblems(0, 'No spam', [q()])).toEqual([]);
  });

  it('a rule needs a question', () => {
    expect(messages([])).toEqual(['Rule 1 (“No spam”) needs at least one quiz question.']);
  });

  it('an empty prompt, one choice and no right answer are each named', () => {
    expect(messages([q({ prompt: '  ', choices: ['Yes'], answer: null })])).toEqual([
      'Rule 1 (“No spam”), question 1: write the question.',
      'Rule 1 (“No spam”), question 1: give at least 2 choices.',
      'Rule 1 (“No spam”), question 1: mark the right answer.',
    ]);
  });

  it('empty and repeated choices, and a right answer that points nowhere', () => {
    expect(messages([q(), q({ id: 'q2', choices: ['Yes', '', 'yes '], answer: 5 })])).toEqual([
      'Rule 1 (“No spam”), question 2: choice 2 is empty.',
      'Rule 1 (“No spam”), question 2: two choices say the same thing.',
      'Rule 1 (“No spam”), question 2: mark the right answer.',
    ]);
    expect(quizProblems(2, '', [q({ answer: null })])[0]).toEqual({
      field: 'rules.2.questions.0.answer',
      message: 'Rule 3, question 1: mark the right answer.',
    });
  });

  it('too many choices or questions', () => {
    expect(messages([q({ choices: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] })])).toContain(
      'Rule 1 (“No spam”), question 1: at most 6 choices are allowed.',
    );
    expect(messages(Array.from({ length: 11 }, (_, i) => q({ id: `q${i}` })))[0]).toBe(
      'Rule 1 (“No spam”) has 11 questions; at most 10 are allowed.',
    );
  });
});

describe('editing questions', () => {
  it('new questions get an id no other question of the rule has', () => {
    expect(newQuestionId([q({ id: 'q2' }), q({ id: 'q3' })])).toBe('q4');
    expect(newQuestionId([q({ id: 'q1' })])).toBe('q2');
    expect(blankQuestion([])).toEqual({ id: 'q1', prompt: '', choices: ['', ''], answer: null });
  });

  it('the right answer follows its choice when choices are removed or moved', () => {
    const three = q({ choices: ['A', 'B', 'C'], answer: 2 });
    expect(removeChoice(three, 0)).toMatchObject({ choices: ['B', 'C'], answer: 1 });
    expect(removeChoice(three, 2)).toMatchObject({ choices: ['A', 'B'], answer: null });
    expect(moveChoice(three, 2, 1)).toMatchObject({ choices: ['A', 'C', 'B'], answer: 1 });
    expect(moveChoice(three, 0, 1)).toMatchObject({ choices: ['B', 'A', 'C'], answer: 2 });
  });

  it('what is sent is trimmed, with the explanation only when written', () => {
    expect(
      toQuestionInput(q({ prompt: ' Is spam allowed? ', choices: [' Yes', 'No '], explanation: ' ' })),
    ).toEqual({ id: 'q1', prompt: 'Is spam allowed?', choices: ['Yes', 'No'], answer: 1 });
  });
});
