import { HttpProblem, PlayerApi, type PlayerEndpoints } from './player-api';

export interface DemoPlayersOptions extends PlayerEndpoints {
  /** Mean pause between two actions of the demo members. */
  intervalMs: number;
  /** After this many actions the players stop, so a long-running demo does not grow without end. */
  maxActions: number;
  /** Seed of the choices (who acts, what they do, which answers they try). */
  seed: number;
  log: (line: string) => void;
}

interface SimGuild {
  id: string;
  ownerId: string;
  roles: { id: string; name: string }[];
  members: { user?: { id: string; bot?: boolean }; roles: string[]; joined_at: string }[];
}

interface Lesson {
  ruleId: string;
  questionCount: number;
}
interface Question {
  id: string;
  choices: string[];
}
interface Catalog {
  categories: { id: string; name: string; roles: { roleId: string; available: boolean }[] }[];
}

/** Members who joined this recently count as newcomers. */
const NEWCOMER_MS = 2 * 3600_000;

/** The roles demo members can pick for themselves in the roles catalog. */
export const DEMO_CATALOG = { category: 'Interests', roles: ['Artist', 'Gamer'] } as const;

export interface PlayerStats {
  lessonsRead: number;
  quizAttempts: number;
  quizzesPassed: number;
  rolesPicked: number;
  /** Actions the platform refused as too many (429): a person would wait, and so do they. */
  rateLimited: number;
  errors: number;
}

/**
 * Demo members using the platform as people would: they read lessons, take quizzes (learning
 * from the results which answers were wrong) and pick roles from the catalog, through the
 * services' HTTP APIs with tokens of their own. Before that the demo owner confirms the
 * onboarding setup onboarding proposed, and puts Artist and Gamer in the catalog.
 */
export class DemoPlayers {
  readonly stats: PlayerStats = {
    lessonsRead: 0,
    quizAttempts: 0,
    quizzesPassed: 0,
    rolesPicked: 0,
    rateLimited: 0,
    errors: 0,
  };
  private readonly api: PlayerApi;
  private state: number;
  private guild: SimGuild | null = null;
  private guildFetchedAt = 0;
  /** Per member and question, the choices that turned out wrong. */
  private readonly wrong = new Map<string, Set<number>>();
  /** `member:rule` of every quiz a member passed: they move on to the next rule. */
  private readonly passed = new Set<string>();
  private readonly reported = new Set<string>();
  private stopped = false;

  constructor(private readonly options: DemoPlayersOptions) {
    this.api = new PlayerApi(options);
    this.state = options.seed >>> 0 || 1;
  }

  /** Waits for the demo guild and the services, then sets the guild up; retries until it can. */
  async prepare(): Promise<string> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        const guild = await this.demoGuild(true);
        await this.confirmSetup(guild);
        await this.fillCatalog(guild);
        return guild.id;
      } catch (e) {
        if (attempt % 10 === 0) this.options.log(`waiting for the platform: ${(e as Error).message}`);
        await this.sleep(1000);
      }
    }
    throw new Error('stopped');
  }

  /** Acts until `maxActions` or stop(); every failure is counted and the first of each kind logged. */
  async run(): Promise<PlayerStats> {
    for (let done = 0; done < this.options.maxActions && !this.stopped; done++) {
      await this.sleep(this.options.intervalMs / 2 + this.int(this.options.intervalMs));
      if (this.stopped) break;
      try {
        await this.act();
      } catch (e) {
        // The platform's per-member limits (quiz attempts per hour) at work, not a failure.
        if (e instanceof HttpProblem && e.status === 429) {
          this.stats.rateLimited++;
          continue;
        }
        this.stats.errors++;
        const key = e instanceof HttpProblem ? `${e.status}` : (e as Error).name;
        if (!this.reported.has(key)) {
          this.reported.add(key);
          this.options.log(
            `a demo member's action failed (further ones like it are not logged): ${(e as Error).message}`,
          );
        }
      }
    }
    return this.stats;
  }

  stop(): void {
    this.stopped = true;
  }

  private async demoGuild(fresh = false): Promise<SimGuild> {
    if (!fresh && this.guild && Date.now() - this.guildFetchedAt < 60_000) return this.guild;
    const demo = await this.api.sim<{ guildId: string }>('/_sim/demo');
    this.guild = await this.api.sim<SimGuild>(`/_sim/guilds/${demo.guildId}`);
    this.guildFetchedAt = Date.now();
    return this.guild;
  }

  private owner(guild: SimGuild) {
    return { guildId: guild.id, userId: guild.ownerId, role: 'owner' as const };
  }

  /** The owner confirms what onboarding proposed, once the bot has seen the guild. */
  private async confirmSetup(guild: SimGuild): Promise<void> {
    const setup = await this.api.onboarding<{
      confirmed: boolean;
      guildName: string | null;
      proposal: unknown;
    }>('GET', `/guilds/${guild.id}/setup`, this.owner(guild));
    if (setup.confirmed) return;
    if (setup.guildName === null || setup.proposal === null)
      throw new Error('onboarding has not seen the demo guild yet');
    await this.api.onboarding('POST', `/guilds/${guild.id}/setup/confirm`, this.owner(guild), {});
    this.options.log('the demo owner confirmed the proposed onboarding setup');
  }

  /** Artist and Gamer in an "Interests" category, unless the catalog already offers them. */
  private async fillCatalog(guild: SimGuild): Promise<void> {
    const catalog = await this.api.roles<Catalog>('GET', `/guilds/${guild.id}/catalog`, this.owner(guild));
    const listed = new Set(catalog.categories.flatMap((c) => c.roles.map((r) => r.roleId)));
    const wanted = DEMO_CATALOG.roles
      .map((name) => guild.roles.find((r) => r.name === name))
      .filter((r) => r && !listed.has(r.id));
    if (wanted.length === 0) return;
    const category =
      catalog.categories.find((c) => c.name === DEMO_CATALOG.category) ??
      (await this.api.roles<{ id: string }>(
        'POST',
        `/guilds/${guild.id}/catalog/categories`,
        this.owner(guild),
        {
          name: DEMO_CATALOG.category,
          description: 'What you are into',
          exclusive: false,
        },
      ));
    for (const role of wanted)
      await this.api.roles('POST', `/guilds/${guild.id}/catalog/roles`, this.owner(guild), {
        roleId: role!.id,
        categoryId: category.id,
        label: role!.name,
      });
    this.options.log(`the demo catalog offers ${DEMO_CATALOG.roles.join(' and ')}`);
  }

  private async act(): Promise<void> {
    const guild = await this.demoGuild();
    const people = guild.members.filter((m) => m.user && !m.user.bot && m.user.id !== guild.ownerId);
    if (people.length === 0) return;
    // Newcomers are the keenest: they are the ones the onboarding funnel follows from join to quiz.
    const newcomers = people.filter((m) => Date.parse(m.joined_at) > Date.now() - NEWCOMER_MS);
    const pool = newcomers.length > 0 && this.chance(0.6) ? newcomers : people;
    const person = pool[this.int(pool.length)];
    const me = { guildId: guild.id, userId: person.user!.id, role: 'member' as const };
    if (this.chance(0.7)) return this.study(me);
    return this.pickRole(me, person.roles);
  }

  /** Reads the lessons, then takes the quiz of one rule. */
  private async study(me: { guildId: string; userId: string; role: 'member' }): Promise<void> {
    const { lessons } = await this.api.onboarding<{ lessons: Lesson[] }>(
      'GET',
      `/guilds/${me.guildId}/lessons`,
      me,
    );
    this.stats.lessonsRead++;
    const withQuiz = lessons.filter(
      (l) => l.questionCount > 0 && !this.passed.has(`${me.userId}:${l.ruleId}`),
    );
    if (withQuiz.length === 0) return;
    const lesson = withQuiz[this.int(withQuiz.length)];
    const quiz = await this.api.onboarding<{ questions: Question[] }>(
      'GET',
      `/guilds/${me.guildId}/quizzes/${lesson.ruleId}`,
      me,
    );
    const answers = quiz.questions.map((q) => {
      const ruledOut = this.wrong.get(`${me.userId}:${q.id}`) ?? new Set<number>();
      const left = q.choices.map((_, i) => i).filter((i) => !ruledOut.has(i));
      return { questionId: q.id, choice: left.length ? left[this.int(left.length)] : 0 };
    });
    const result = await this.api.onboarding<{
      passed: boolean;
      results: { questionId: string; correct: boolean }[];
    }>('POST', `/guilds/${me.guildId}/members/${me.userId}/quizzes/${lesson.ruleId}/attempts`, me, {
      answers,
    });
    this.stats.quizAttempts++;
    if (result.passed) {
      this.stats.quizzesPassed++;
      this.passed.add(`${me.userId}:${lesson.ruleId}`);
    }
    for (const r of result.results ?? []) {
      if (r.correct) continue;
      const key = `${me.userId}:${r.questionId}`;
      const choice = answers.find((a) => a.questionId === r.questionId)?.choice;
      if (choice !== undefined) this.wrong.set(key, new Set([...(this.wrong.get(key) ?? []), choice]));
    }
  }

  /** Picks one catalog role the member does not have yet. */
  private async pickRole(
    me: { guildId: string; userId: string; role: 'member' },
    has: string[],
  ): Promise<void> {
    const catalog = await this.api.roles<Catalog>('GET', `/guilds/${me.guildId}/catalog`, me);
    const open = catalog.categories
      .flatMap((c) => c.roles)
      .filter((r) => r.available && !has.includes(r.roleId));
    if (open.length === 0) return;
    const role = open[this.int(open.length)];
    await this.api.roles('POST', `/guilds/${me.guildId}/members/${me.userId}/requests`, me, {
      add: [role.roleId],
    });
    this.stats.rolesPicked++;
    has.push(role.roleId);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms).unref());
  }

  /** mulberry32: small, seeded, good enough for choosing who does what. */
  private next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  private int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  private chance(p: number): boolean {
    return this.next() < p;
  }
}
