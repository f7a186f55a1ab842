import type { Fact } from '../domain/facts';
import { ActionRequestsProjection } from './action-requests.projection';
import { GuildSetupProjection } from './guild-setup.projection';
import { MembersProjection } from './members.projection';
import { QuizProgressProjection } from './quiz-progress.projection';
import { qualify, Queryable } from './queryable';
import { RuleSetsProjection } from './rule-sets.projection';

/** Every read model of the service; each fact is folded into all of them, in fact order. */
export class Projections {
  readonly setup: GuildSetupProjection;
  readonly actionRequests: ActionRequestsProjection;
  readonly ruleSets: RuleSetsProjection;
  readonly members: MembersProjection;
  readonly quizProgress: QuizProgressProjection;

  constructor(private readonly schema: string) {
    this.setup = new GuildSetupProjection(schema);
    this.actionRequests = new ActionRequestsProjection(schema);
    this.ruleSets = new RuleSetsProjection(schema);
    this.members = new MembersProjection(schema);
    this.quizProgress = new QuizProgressProjection(schema);
  }

  async apply(db: Queryable, f: Fact): Promise<void> {
    await this.setup.apply(db, f);
    await this.actionRequests.apply(db, f);
    await this.ruleSets.apply(db, f);
    await this.members.apply(db, f);
    await this.quizProgress.apply(db, f);
  }

  /** For a rebuild: empties every read model (the fact table stays). */
  async truncate(db: Queryable): Promise<void> {
    const tables = ['guild_setup', 'action_requests', 'rule_sets', 'members', 'quiz_progress'].map((t) =>
      qualify(this.schema, t),
    );
    await db.query(`TRUNCATE ${tables.join(', ')}`);
  }
}
