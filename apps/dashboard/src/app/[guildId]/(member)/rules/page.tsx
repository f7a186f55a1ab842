import type { Metadata } from 'next';
import { QuizProgressProvider, QuizTallySummary, RulePassedBadge } from '@/components/rules/quiz-progress';
import { RuleQuiz } from '@/components/rules/rule-quiz';
import { LiveRefresh } from '@/components/live/live-refresh';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { requirePageAccess } from '@/lib/access';
import { getProgress, getRules } from '@/lib/clients/onboarding';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Rules' };

/** Lessons and quizzes, one per rule; passing a quiz the first time earns points. */
export default async function RulesPage({ params }: { params: Promise<{ guildId: string }> }) {
  const { guildId } = await params;
  const { caller } = await requirePageAccess(guildId, 'member', `/${guildId}/rules`);
  const userId = caller!.userId;
  const loaded = await Promise.all([getRules(guildId, caller!), getProgress(guildId, userId, caller!)]).catch(
    (e: Error) => e,
  );
  if (loaded instanceof Error)
    return (
      <Alert tone="error" title="The rules are unavailable">
        {loaded.message}
      </Alert>
    );
  const [rules, progress] = loaded;
  const passed = progress?.rules.filter((r) => r.passed).map((r) => r.ruleId) ?? [];
  return (
    <QuizProgressProvider points={progress?.points ?? 0} passed={passed}>
      <div className="space-y-4">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
          <div>
            <h1 className="text-2xl font-bold tracking-tight">Server rules</h1>
            <p className="text-sm text-muted-foreground">
              Read each lesson, then answer its quiz. Version {rules.version}.
            </p>
          </div>
          <QuizTallySummary ruleCount={rules.rules.length} />
        </div>
        {rules.rules.length === 0 && (
          <Alert title="No rules yet">This server has not published its rules.</Alert>
        )}
        <ol className="space-y-3">
          {rules.rules.map((rule, i) => (
            <li key={rule.id}>
              <Card>
                <details className="group" data-testid={`rule-${rule.id}`}>
                  <summary className="flex cursor-pointer list-none items-center justify-between gap-3 rounded-xl p-4 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
                    <span className="font-medium">
                      {i + 1}. {rule.title}
                    </span>
                    <span className="flex items-center gap-2">
                      <RulePassedBadge ruleId={rule.id} />
                      <span aria-hidden="true" className="transition-transform group-open:rotate-90">
                        ›
                      </span>
                    </span>
                  </summary>
                  <div className="space-y-4 border-t border-border p-4">
                    <p className="text-sm">{rule.text}</p>
                    <div className="rounded-lg bg-muted/50 p-3 text-sm leading-relaxed">
                      <h2 className="mb-1 font-semibold">Lesson</h2>
                      <p className="whitespace-pre-line">{rule.lesson}</p>
                    </div>
                    {rule.questions.length > 0 && (
                      <RuleQuiz
                        guildId={guildId}
                        userId={userId}
                        ruleId={rule.id}
                        questions={rule.questions}
                      />
                    )}
                  </div>
                </details>
              </Card>
            </li>
          ))}
        </ol>
        <LiveRefresh guildId={guildId} userId={userId} />
      </div>
    </QuizProgressProvider>
  );
}
