import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { ActionType, guildFactId } from '@guildhall/contracts';
import { reagreementMoves } from '../domain/agreement';
import { DEFAULT_RULES } from '../domain/default-rules';
import { publicQuestions } from '../domain/quiz';
import { nextRuleSet, Rule } from '../domain/rules';
import { action } from '../events/outgoing';
import { commitPlan, merge, NOTHING, type Plan } from '../events/plan';
import { grantRole } from '../events/role-grant';
import type { PublishedRuleSet } from '../projections/rule-sets.projection';
import type { PublishRulesDto } from './dto/publish-rules.dto';
import { GuildTransactions } from './guild-transaction';

/** The guild's rules (versioned), their lessons and their quizzes without answers. */
@Injectable()
export class RulesService {
  constructor(private readonly tx: GuildTransactions) {}

  current(guildId: string): Promise<PublishedRuleSet> {
    return this.tx.store.projections.ruleSets.current(this.tx.db, guildId);
  }

  async rules(guildId: string) {
    const set = await this.current(guildId);
    return {
      version: set.version,
      requiresReagreement: set.requiresReagreement,
      publishedAt: set.publishedAt,
      rules: set.rules.map(({ id, title, text }) => ({ id, title, text })),
    };
  }

  /** For moderators only: the answers in here must never reach a member's browser. */
  async editable(guildId: string) {
    const set = await this.current(guildId);
    return {
      version: set.version,
      requiresReagreement: set.requiresReagreement,
      publishedAt: set.publishedAt,
      rules: set.rules,
    };
  }

  /** `restoredFrom`: the version a restore brings back; it goes through the same checks as an edit. */
  async publish(guildId: string, body: PublishRulesDto, by: string, restoredFrom?: number) {
    return this.tx.run(guildId, async (db) => {
      const store = this.tx.store;
      const current = await store.projections.ruleSets.current(db, guildId);
      const { settings } = await store.projections.setup.load(db, guildId);
      // A guild that re-agrees on every new version needs no per-publish flag.
      const next = nextRuleSet(
        current,
        body.rules,
        body.requiresReagreement || settings.reagreeOnNewVersion,
        DEFAULT_RULES,
      );
      if (!next.ok) throw new BadRequestException(next.problem.message);
      const { version, rules, requiresReagreement } = next.ruleSet;
      const occurredAt = new Date().toISOString();
      // One id per version: two racing publishes cannot both become version N.
      const id = guildFactId(guildId, 'rules.published', version);
      const moves = requiresReagreement
        ? reagreementMoves(await store.projections.members.agreedBefore(db, guildId, version), settings)
        : [];
      const cause = { id, guildId, occurredAt };
      const reason = `Rules version ${version} published: agree again to unlock the server`;
      const model = moves.length > 0 ? await store.directory.roleModel(db, guildId) : null;
      const published: Plan = {
        facts: [
          {
            id,
            guildId,
            occurredAt,
            type: 'rules.published',
            data: {
              version,
              rules,
              requiresReagreement,
              by,
              ...(restoredFrom === undefined ? {} : { restoredFrom }),
            },
          },
        ],
        actions: [],
      };
      await commitPlan(
        db,
        store,
        merge(
          published,
          ...moves.map(({ userId, removeRoleId, addRoleId }) =>
            merge(
              removeRoleId
                ? {
                    facts: [],
                    actions: [
                      action(cause, `reagree.${userId}.role.remove`, ActionType.RoleRemove, {
                        userId,
                        roleId: removeRoleId,
                        reason,
                      }),
                    ],
                  }
                : NOTHING,
              addRoleId
                ? grantRole(model, cause, `reagree.${userId}.role.add`, { userId, roleId: addRoleId, reason })
                : NOTHING,
            ),
          ),
        ),
      );
      return {
        version,
        requiresReagreement,
        publishedAt: occurredAt,
        rules: rules.map(({ id, title, text }) => ({ id, title, text })),
      };
    });
  }

  async lessons(guildId: string) {
    const set = await this.current(guildId);
    return {
      version: set.version,
      lessons: set.rules.map((r) => ({
        ruleId: r.id,
        title: r.title,
        text: r.text,
        lesson: r.lesson,
        questionCount: r.questions.length,
      })),
    };
  }

  async quiz(guildId: string, ruleId: string) {
    const set = await this.current(guildId);
    const rule = findRule(set.rules, ruleId);
    return {
      ruleId: rule.id,
      title: rule.title,
      version: set.version,
      questions: publicQuestions(rule.questions),
    };
  }
}

export function findRule(rules: Rule[], ruleId: string): Rule {
  const rule = rules.find((r) => r.id === ruleId);
  if (!rule) throw new NotFoundException(`ruleId "${ruleId}" is not a rule of this guild`);
  return rule;
}
