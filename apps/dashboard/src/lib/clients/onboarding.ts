import { serviceFetch, serviceFind, type Caller } from './service-fetch';

export interface PublicQuestion {
  id: string;
  prompt: string;
  choices: string[];
}

export interface RuleView {
  id: string;
  title: string;
  text: string;
  lesson: string;
  questionCount: number;
  /** Questions and choices only; the answers stay in services/onboarding. */
  questions: PublicQuestion[];
}

export interface RulesView {
  version: number;
  rules: RuleView[];
}

export interface QuestionResult {
  questionId: string;
  chosen: number | null;
  correct: boolean;
  correctChoice: number;
  explanation?: string;
}

export interface AttemptResult {
  ruleId: string;
  correct: number;
  total: number;
  passed: boolean;
  results: QuestionResult[];
  pointsAwarded: number;
  totalPoints: number;
  quizCompleted: boolean;
}

export interface RuleProgress {
  ruleId: string;
  title: string;
  attempts: number;
  bestCorrect: number;
  total: number;
  passed: boolean;
  points: number;
}

export interface Progress {
  points: number;
  passedRules: number;
  totalRules: number;
  completed: boolean;
  rules: RuleProgress[];
}

export interface MemberStatus {
  status: string;
  needsAgreement: boolean;
  agreedAt: string | null;
}

export interface FunnelStep {
  count: number;
  rate: number;
  medianSecondsFromJoin: number | null;
}

export interface Funnel {
  joined: FunnelStep;
  agreed: FunnelStep;
  quizCompleted: FunnelStep;
  medianSecondsAgreeToQuiz: number | null;
}

export interface RuleInput {
  id: string;
  title: string;
  text: string;
  lesson?: string;
  questions?: { id: string; prompt: string; choices: string[]; answer: number; explanation?: string }[];
}

const g = (guildId: string) => `/guilds/${guildId}`;

/** Lessons, and each rule's quiz questions (one call per rule, in parallel; at most 25 rules). */
export async function getRules(guildId: string, caller: Caller): Promise<RulesView> {
  const lessons = await serviceFetch<{
    version: number;
    lessons: { ruleId: string; title: string; text: string; lesson: string; questionCount: number }[];
  }>('onboarding', `${g(guildId)}/lessons`, { caller });
  const quizzes = await Promise.all(
    lessons.lessons.map((l) =>
      serviceFind<{ questions: PublicQuestion[] }>('onboarding', `${g(guildId)}/quizzes/${l.ruleId}`, {
        caller,
      }),
    ),
  );
  return {
    version: lessons.version,
    rules: lessons.lessons.map((l, i) => ({
      id: l.ruleId,
      title: l.title,
      text: l.text,
      lesson: l.lesson,
      questionCount: l.questionCount,
      questions: quizzes[i]?.questions ?? [],
    })),
  };
}

/** A rule as moderators edit it: the full quiz, right answers included. Never sent to a member's browser. */
export interface EditableRule {
  id: string;
  title: string;
  text: string;
  lesson: string;
  questions: { id: string; prompt: string; choices: string[]; answer: number; explanation?: string }[];
}

export interface EditableRules {
  version: number;
  requiresReagreement: boolean;
  rules: EditableRule[];
}

/** Moderators only (the onboarding service refuses members): for the rules editor. */
export function getEditableRules(guildId: string, caller: Caller): Promise<EditableRules> {
  return serviceFetch<EditableRules>('onboarding', `${g(guildId)}/rules/editable`, { caller });
}

export function publishRules(
  guildId: string,
  caller: Caller,
  body: { rules: RuleInput[]; requiresReagreement: boolean },
): Promise<{ version: number }> {
  return serviceFetch('onboarding', `${g(guildId)}/rules`, { caller, method: 'PUT', body });
}

export function getProgress(guildId: string, userId: string, caller: Caller): Promise<Progress | undefined> {
  return serviceFind<Progress>('onboarding', `${g(guildId)}/members/${userId}/progress`, { caller });
}

export function getStatus(
  guildId: string,
  userId: string,
  caller: Caller,
): Promise<MemberStatus | undefined> {
  return serviceFind<MemberStatus>('onboarding', `${g(guildId)}/members/${userId}/status`, { caller });
}

export function submitAttempt(
  guildId: string,
  userId: string,
  ruleId: string,
  caller: Caller,
  answers: { questionId: string; choice: number }[],
): Promise<AttemptResult> {
  return serviceFetch<AttemptResult>(
    'onboarding',
    `${g(guildId)}/members/${userId}/quizzes/${ruleId}/attempts`,
    { caller, method: 'POST', body: { answers } },
  );
}

export function getFunnel(guildId: string, caller: Caller): Promise<Funnel> {
  return serviceFetch<Funnel>('onboarding', `${g(guildId)}/funnel`, { caller });
}

export interface OnboardingSettings {
  rulesChannelId: string | null;
  welcomeChannelId: string | null;
  preMemberRoleId: string | null;
  memberRoleId: string | null;
  modRoleId: string | null;
  preMemberRoleName: string;
  memberRoleName: string;
  welcomeText: string;
  restartOnRejoin: boolean;
  reagreeOnNewVersion: boolean;
}

export interface SetupRoleStatus {
  id: string | null;
  name: string;
  status: 'configured' | 'creating' | 'failed' | 'missing';
  error?: string;
}

/** GET /guilds/{id}/setup of services/onboarding: the live setup, or until confirmed the proposal. */
export interface OnboardingSetup {
  guildId: string;
  guildName: string | null;
  confirmed: boolean;
  settings: OnboardingSettings;
  roles: { preMember: SetupRoleStatus; member: SetupRoleStatus };
  rulesMessage: { status: string; channelId: string } | null;
  ready: boolean;
  problems: string[];
  proposal: {
    rulesChannelId: string | null;
    welcomeChannelId: string | null;
    roles: Record<
      'preMember' | 'member',
      { action: 'adopt'; roleId: string; name: string } | { action: 'create'; name: string }
    >;
    willDo: string[];
    problems: string[];
  } | null;
  updatedAt: string | null;
}

export function getSetup(guildId: string, caller: Caller): Promise<OnboardingSetup> {
  return serviceFetch<OnboardingSetup>('onboarding', `${g(guildId)}/setup`, { caller });
}

export function saveSetup(
  guildId: string,
  caller: Caller,
  body: Partial<OnboardingSettings>,
): Promise<OnboardingSetup> {
  return serviceFetch<OnboardingSetup>('onboarding', `${g(guildId)}/setup`, { caller, method: 'PUT', body });
}

export function confirmSetup(
  guildId: string,
  caller: Caller,
  body: { rulesChannelId?: string; welcomeChannelId?: string },
): Promise<OnboardingSetup> {
  return serviceFetch<OnboardingSetup>('onboarding', `${g(guildId)}/setup/confirm`, {
    caller,
    method: 'POST',
    body,
  });
}
