import { DEFAULT_RULES } from '../src/domain/default-rules';
import { OnboardingTestEnv, snowflake } from './onboarding-test-env';

const GUILD = '100000000000000391';
const PRE_MEMBER = '300000000000000391';
const MEMBER = '300000000000000392';
const MOD = '500000000000000039';
/** Low enough to reach with a few members; the member cap is the default 20. */
const GUILD_PER_HOUR = 30;

jest.setTimeout(60_000);

class LimitedEnv extends OnboardingTestEnv {
  override env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return super.env({ ONBOARDING_GUILD_QUIZ_ATTEMPTS_PER_HOUR: String(GUILD_PER_HOUR), ...extra });
  }
}

const wrongAnswers = DEFAULT_RULES.find((r) => r.id === 'no-spam')!.questions.map((q) => ({
  questionId: q.id,
  choice: (q.answer + 1) % q.choices.length,
}));

/** Issue 11, finding 8 (review M6): every attempt is a stored fact, so attempts are capped. */
describe('onboarding: quiz attempts are rate-limited per member and per guild', () => {
  const t = new LimitedEnv();
  const attempt = (userId: string) =>
    fetch(`${t.base}/guilds/${GUILD}/members/${userId}/quizzes/no-spam/attempts`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${t.token(GUILD, 'member', userId)}`,
      },
      body: JSON.stringify({ answers: wrongAnswers }),
    });
  const stored = async (userId: string | null) => {
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM "${t.schema}".onboarding_events
       WHERE type = 'quiz.attempted' AND guild_id = $1 AND ($2::text IS NULL OR user_id = $2)`,
      [GUILD, userId],
    );
    return rows[0].n as number;
  };

  beforeAll(async () => {
    await t.start();
    await t.syncDirectory(GUILD, { roleIds: [PRE_MEMBER, MEMBER] });
    await t.http('PUT', `/guilds/${GUILD}/setup`, t.token(GUILD, 'moderator', MOD), {
      preMemberRoleId: PRE_MEMBER,
      memberRoleId: MEMBER,
    });
  });
  afterAll(() => t.cleanup());

  it('a member attempting a quiz in a loop is refused after 20 an hour, with Retry-After, and nothing is stored', async () => {
    const user = snowflake();
    for (let i = 0; i < 20; i++) expect((await attempt(user)).status).toBe(201);
    const refused = await attempt(user);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(((await refused.json()) as { message: string }).message).toBe(
      `at most 20 quiz attempts per hour per member; try again in ${retryAfter} s`,
    );
    expect(await stored(user)).toBe(20);
    // Someone else is not slowed down by them.
    expect((await attempt(snowflake())).status).toBe(201);
  });

  it('many members each under their own limit are stopped by the guild-wide cap', async () => {
    // 21 attempts so far; new members make one each until the guild has its 30.
    for (let i = 21; i < GUILD_PER_HOUR; i++) expect((await attempt(snowflake())).status).toBe(201);
    const refused = await attempt(snowflake());
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { message: string }).message).toMatch(
      new RegExp(`^at most ${GUILD_PER_HOUR} quiz attempts per hour per guild; try again in \\d+ s$`),
    );
    expect(await stored(null)).toBe(GUILD_PER_HOUR);
  });
});
