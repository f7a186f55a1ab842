import { DEFAULT_RULES } from '../src/domain/default-rules';
import { rebuildProjections } from '../src/cli/rebuild-projections';
import { click, memberJoined, OnboardingTestEnv, snowflake } from './onboarding-test-env';

const PRE_MEMBER = '300000000000000301';
const MEMBER = '300000000000000302';
const MOD = '500000000000000003';

jest.setTimeout(60_000);

const rightAnswers = (ruleId: string) =>
  DEFAULT_RULES.find((r) => r.id === ruleId)!.questions.map((q) => ({ questionId: q.id, choice: q.answer }));

describe('onboarding: funnel', () => {
  const t = new OnboardingTestEnv();
  const G = '100000000000000399';
  beforeAll(async () => {
    await t.start();
    await t.syncDirectory(G, { roleIds: [PRE_MEMBER, MEMBER] });
    await t.http('PUT', `/guilds/${G}/setup`, t.token(G, 'moderator', MOD), {
      preMemberRoleId: PRE_MEMBER,
      memberRoleId: MEMBER,
    });
  });
  afterAll(() => t.cleanup());

  it('counts joined → agreed → quiz completed with median times', async () => {
    const t0 = Date.now() - 3_600_000;
    const users = [snowflake(), snowflake(), snowflake(), snowflake()];
    await t.deliver(...users.map((u) => memberJoined(G, u, new Date(t0))));
    // Agreement times come from the envelopes' occurredAt: 60 s and 180 s after joining.
    const agree = (u: string, afterSeconds: number) => ({
      ...click(G, 'onboarding:agree', { userId: u }),
      occurredAt: new Date(t0 + afterSeconds * 1000).toISOString(),
    });
    await t.deliver(agree(users[0], 60), agree(users[1], 180), agree(users[2], 300));
    for (const rule of DEFAULT_RULES)
      await t.http(
        'POST',
        `/guilds/${G}/members/${users[0]}/quizzes/${rule.id}/attempts`,
        t.token(G, 'member', users[0]),
        { answers: rightAnswers(rule.id) },
      );

    const funnel = await t.http('GET', `/guilds/${G}/funnel`, t.token(G, 'moderator', MOD));
    expect(funnel.status).toBe(200);
    expect(funnel.body.joined.count).toBe(4);
    expect(funnel.body.agreed).toEqual({ count: 3, rate: 0.75, medianSecondsFromJoin: 180 });
    expect(funnel.body.quizCompleted).toMatchObject({ count: 1, rate: 0.25 });
    expect(funnel.body.quizCompleted.medianSecondsFromJoin).toBeGreaterThan(3000);

    const later = await t.http(
      'GET',
      `/guilds/${G}/funnel?from=${new Date(t0 + 1000).toISOString()}`,
      t.token(G, 'moderator', MOD),
    );
    expect(later.body.joined.count).toBe(0);
    const bad = await t.http('GET', `/guilds/${G}/funnel?from=yesterday`, t.token(G, 'moderator', MOD));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('from');
  });
});

describe('onboarding: rebuilding projections', () => {
  const t = new OnboardingTestEnv();
  const G = '100000000000000398';
  beforeAll(() => t.start());
  afterAll(() => t.cleanup());

  it('replaying the fact table yields the same read models', async () => {
    const mod = t.token(G, 'moderator', MOD);
    await t.syncDirectory(G, { roleIds: [PRE_MEMBER, MEMBER], channelIds: ['200000000000000398'] });
    await t.http('PUT', `/guilds/${G}/setup`, mod, {
      preMemberRoleId: PRE_MEMBER,
      memberRoleId: MEMBER,
      rulesChannelId: '200000000000000398',
    });
    const u = snowflake();
    await t.deliver(memberJoined(G, u));
    await t.deliver(click(G, 'onboarding:agree', { userId: u }));
    await t.http('POST', `/guilds/${G}/members/${u}/quizzes/no-spam/attempts`, t.token(G, 'member', u), {
      answers: rightAnswers('no-spam'),
    });
    await t.http('PUT', `/guilds/${G}/rules`, mod, {
      rules: DEFAULT_RULES.slice(0, 5).map(({ id, title, text }) => ({ id, title, text })),
      requiresReagreement: true,
    });
    const read = async () => ({
      setup: (await t.http('GET', `/guilds/${G}/setup`, mod)).body,
      status: (await t.http('GET', `/guilds/${G}/members/${u}/status`, mod)).body,
      progress: (await t.http('GET', `/guilds/${G}/members/${u}/progress`, mod)).body,
      funnel: (await t.http('GET', `/guilds/${G}/funnel`, mod)).body,
    });
    const before = await read();
    const report = await rebuildProjections(t.service.kit.pool, t.schema);
    expect(report.facts).toBeGreaterThan(5);
    expect(await read()).toEqual(before);
    expect(before.status).toMatchObject({ status: 'needs_agreement', rulesVersion: 2 });
  });
});
