import { IsBoolean, IsISO8601, IsInt, Matches, Max, Min } from 'class-validator';
import { SNOWFLAKE } from './envelope';

/** Facts the onboarding service publishes on DOMAIN as `onboarding.<guildId>.<event>`. */
export const OnboardingEventType = {
  RulesAgreed: 'onboarding.rules_agreed',
  RulesPublished: 'onboarding.rules_published',
  QuizAttempted: 'onboarding.quiz_attempted',
  QuizCompleted: 'onboarding.quiz_completed',
} as const;

/** Rule ids are short slugs (`be-respectful`), usable in URLs as they are. */
export const RULE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

export class RulesAgreed {
  @Matches(SNOWFLAKE) userId!: string;
  @IsInt() @Min(1) rulesVersion!: number;
  @IsISO8601() agreedAt!: string;
}

export class RulesPublished {
  @IsInt() @Min(1) version!: number;
  @IsInt() @Min(1) @Max(100) ruleCount!: number;
  /** Members who agreed to an earlier version must agree again. */
  @IsBoolean() requiresReagreement!: boolean;
}

export class QuizAttempted {
  @Matches(SNOWFLAKE) userId!: string;
  @Matches(RULE_ID) ruleId!: string;
  @IsInt() @Min(1) rulesVersion!: number;
  @IsInt() @Min(0) correct!: number;
  @IsInt() @Min(1) total!: number;
  @IsBoolean() passed!: boolean;
  @IsInt() @Min(0) pointsAwarded!: number;
  @IsInt() @Min(0) totalPoints!: number;
}

/** The member has passed the quiz of every rule of the version in force. */
export class QuizCompleted {
  @Matches(SNOWFLAKE) userId!: string;
  @IsInt() @Min(1) rulesVersion!: number;
  @IsInt() @Min(0) totalPoints!: number;
  @IsISO8601() completedAt!: string;
}
