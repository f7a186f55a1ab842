import { DEFAULT_RULES } from '../src/domain/default-rules';
import { click, memberJoined, OnboardingTestEnv, snowflake } from './onboarding-test-env';

const GUILD = '100000000000000301';
const PRE_MEMBER = '300000000000000301';
const MEMBER = '300000000000000302';
const MOD = '500000000000000003';

jest.setTimeout(60_000);

const rightAnswers = (ruleId: string) =>
  DEFAULT_RULES.find((r) => r.id === ruleId)!.questions.map((q) => ({ questionId: q.id, choice: q.answer }));
const wrongAnswers = (ruleId: string) =>
  DEFAULT_RULES.find((r) => r.id === ruleId)!.questions.map((q) => ({
    questionId: q.id,
    choice: (q.answer + 1) % q.choices.length,
  }));

describe('onboarding: rules versions, lessons, quizzes', () => {
  const t = new OnboardingTestEnv();
  const mod = () => t.token(GUILD, 'moderator', MOD);
  beforeAll(async () => {
    await t.start();
    await t.syncDirectory(GUILD, { roleIds: [PRE_MEMBER, MEMBER] });
    await t.http('PUT', `/guilds/${GUILD}/setup`, mod(), {
      preMemberRoleId: PRE_MEMBER,
      memberRoleId: MEMBER,
    });
  });
  afterAll(() => t.cleanup());

  it('serves the ten default rules as version 1, and their lessons', async () => {
    const user = snowflake();
    const rules = await t.http('GET', `/guilds/${GUILD}/rules`, t.token(GUILD, 'member', user));
    expect(rules.status).toBe(200);
    expect(rules.body.version).toBe(1);
    expect(rules.body.rules).toHaveLength(10);
    const lessons = await t.http('GET', `/guilds/${GUILD}/lessons`, t.token(GUILD, 'member', user));
    expect(lessons.body.lessons).toHaveLength(10);
    expect(lessons.body.lessons[0]).toMatchObject({
      ruleId: 'be-respectful',
      lesson: expect.any(String),
      questionCount: 3,
    });
  });

  it('a quiz never carries its answers; grading happens on the server and points count once per rule', async () => {
    const user = snowflake();
    const token = t.token(GUILD, 'member', user);
    const quiz = await t.http('GET', `/guilds/${GUILD}/quizzes/no-spam`, token);
    expect(quiz.status).toBe(200);
    expect(quiz.body.questions).toHaveLength(2);
    for (const q of quiz.body.questions) expect(Object.keys(q).sort()).toEqual(['choices', 'id', 'prompt']);
    expect(JSON.stringify(quiz.body)).not.toMatch(/answer|explanation/);

    const path = `/guilds/${GUILD}/members/${user}/quizzes/no-spam/attempts`;
    const failed = await t.http('POST', path, token, { answers: wrongAnswers('no-spam') });
    expect(failed.status).toBe(201);
    expect(failed.body).toMatchObject({
      correct: 0,
      total: 2,
      passed: false,
      pointsAwarded: 0,
      totalPoints: 0,
    });
    const passed = await t.http('POST', path, token, { answers: rightAnswers('no-spam') });
    expect(passed.body).toMatchObject({ correct: 2, passed: true, pointsAwarded: 20, totalPoints: 20 });
    const again = await t.http('POST', path, token, { answers: rightAnswers('no-spam') });
    expect(again.body).toMatchObject({ passed: true, pointsAwarded: 0, totalPoints: 20 });

    const progress = await t.http('GET', `/guilds/${GUILD}/members/${user}/progress`, token);
    expect(progress.body).toMatchObject({ points: 20, passedRules: 1, totalRules: 10, completed: false });
    expect(progress.body.rules.find((r: { ruleId: string }) => r.ruleId === 'no-spam')).toMatchObject({
      attempts: 3,
      passed: true,
      points: 20,
    });
    const attempts = await t.outbox({ type: 'onboarding.quiz_attempted' });
    expect(attempts.filter((a) => a.envelope.data.userId === user)).toHaveLength(3);
  });

  it('invalid answers are a 400 naming the field; an unknown rule is a 404', async () => {
    const user = snowflake();
    const token = t.token(GUILD, 'member', user);
    const path = `/guilds/${GUILD}/members/${user}/quizzes/no-spam/attempts`;
    const notArray = await t.http('POST', path, token, { answers: 'all of them' });
    expect(notArray.status).toBe(400);
    expect(JSON.stringify(notArray.body.message)).toContain('answers');
    const badChoice = await t.http('POST', path, token, { answers: [{ questionId: 'q1', choice: -1 }] });
    expect(badChoice.status).toBe(400);
    expect(JSON.stringify(badChoice.body.message)).toContain('choice');
    const unknownQuestion = await t.http('POST', path, token, { answers: [{ questionId: 'q9', choice: 0 }] });
    expect(unknownQuestion.status).toBe(400);
    expect(unknownQuestion.body.message).toContain('answers.0.questionId');
    expect((await t.http('GET', `/guilds/${GUILD}/quizzes/no-such-rule`, token)).status).toBe(404);
    expect((await t.http('GET', `/guilds/${GUILD}/quizzes/NOT_A_SLUG`, token)).status).toBe(400);
  });

  it('passing every rule completes the quiz, once', async () => {
    const user = snowflake();
    const token = t.token(GUILD, 'member', user);
    let last: { body: Record<string, unknown> } = { body: {} };
    for (const rule of DEFAULT_RULES)
      last = await t.http('POST', `/guilds/${GUILD}/members/${user}/quizzes/${rule.id}/attempts`, token, {
        answers: rightAnswers(rule.id),
      });
    const total = DEFAULT_RULES.reduce((n, r) => n + r.questions.length * 10, 0);
    expect(last.body).toMatchObject({ quizCompleted: true, totalPoints: total });
    const completed = (await t.outbox({ type: 'onboarding.quiz_completed' })).filter(
      (e) => e.envelope.data.userId === user,
    );
    expect(completed).toHaveLength(1);
    expect(completed[0].envelope.data).toMatchObject({ totalPoints: total, rulesVersion: 1 });
  });

  it('a new rules version that requires re-agreement puts agreed members back to needs-agreement', async () => {
    const agreed = snowflake();
    await t.deliver(memberJoined(GUILD, agreed));
    await t.deliver(click(GUILD, 'onboarding:agree', { userId: agreed }));
    const memberToken = t.token(GUILD, 'member', agreed);
    expect((await t.http('GET', `/guilds/${GUILD}/members/${agreed}/status`, memberToken)).body.status).toBe(
      'agreed',
    );

    const edited = DEFAULT_RULES.map(({ id, title, text }) => ({ id, title, text }));
    edited[0] = { ...edited[0], text: 'Treat everyone with kindness and respect.' };
    const quiet = await t.http('PUT', `/guilds/${GUILD}/rules`, mod(), {
      rules: edited,
      requiresReagreement: false,
    });
    expect(quiet.status).toBe(200);
    expect(quiet.body.version).toBe(2);
    expect(
      (await t.http('GET', `/guilds/${GUILD}/members/${agreed}/status`, memberToken)).body,
    ).toMatchObject({ status: 'agreed', agreedVersion: 1 });

    const strict = await t.http('PUT', `/guilds/${GUILD}/rules`, mod(), {
      rules: edited.slice(0, 9),
      requiresReagreement: true,
    });
    expect(strict.body).toMatchObject({ version: 3, requiresReagreement: true });
    expect(
      (await t.http('GET', `/guilds/${GUILD}/members/${agreed}/status`, memberToken)).body,
    ).toMatchObject({
      status: 'needs_agreement',
      needsAgreement: true,
      agreedVersion: null,
      rulesVersion: 3,
    });
    expect((await t.http('GET', `/guilds/${GUILD}/rules`, memberToken)).body.rules).toHaveLength(9);
    const published = await t.outbox({ type: 'onboarding.rules_published' });
    expect(published.map((p) => p.envelope.data)).toEqual([
      { version: 2, ruleCount: 10, requiresReagreement: false },
      { version: 3, ruleCount: 9, requiresReagreement: true },
    ]);

    // Agreeing again records version 3 (the role swap is sent again; Discord treats it as a no-op).
    await t.deliver(click(GUILD, 'onboarding:agree', { userId: agreed }));
    const again = (await t.outbox({ type: 'onboarding.rules_agreed' })).filter(
      (e) => e.envelope.data.userId === agreed,
    );
    expect(again.map((e) => e.envelope.data.rulesVersion)).toEqual([1, 3]);
  });

  it('a new rule without a quiz, or an answer index out of range, is a 400 naming the field', async () => {
    const res = await t.http('PUT', `/guilds/${GUILD}/rules`, mod(), {
      rules: [{ id: 'brand-new', title: 'New', text: 'A new rule', lesson: 'Learn it' }],
      requiresReagreement: false,
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('rules.0.questions');
    const missing = await t.http('PUT', `/guilds/${GUILD}/rules`, mod(), {
      rules: [{ id: 'x', title: 'T', text: 'x' }],
    });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.message)).toContain('requiresReagreement');
    const nested = await t.http('PUT', `/guilds/${GUILD}/rules`, mod(), {
      rules: [{ id: 'x', title: '', text: 'x' }],
      requiresReagreement: false,
    });
    expect(nested.status).toBe(400);
    expect(JSON.stringify(nested.body.message)).toContain('rules.0.title');
  });
});
