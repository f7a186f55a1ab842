'use client';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Progress } from '@/components/ui/progress';

interface Tally {
  points: number;
  passed: ReadonlySet<string>;
  record(ruleId: string, passed: boolean, totalPoints: number): void;
}

const QuizTally = createContext<Tally | undefined>(undefined);

/**
 * Points and passed rules as the page shows them. A graded attempt updates them at once; the
 * server's figures arrive with the next refresh. Points only grow and a pass is never undone,
 * so the larger figure is always the fresher one, whichever arrives first.
 */
export function QuizProgressProvider({
  points,
  passed,
  children,
}: {
  points: number;
  passed: string[];
  children: ReactNode;
}) {
  const [local, setLocal] = useState<{ points: number; passed: string[] }>({ points: 0, passed: [] });
  const record = useCallback((ruleId: string, didPass: boolean, totalPoints: number) => {
    setLocal((l) => ({
      points: Math.max(l.points, totalPoints),
      passed: didPass && !l.passed.includes(ruleId) ? [...l.passed, ruleId] : l.passed,
    }));
  }, []);
  const value = useMemo<Tally>(
    () => ({ points: Math.max(points, local.points), passed: new Set([...passed, ...local.passed]), record }),
    [points, passed, local, record],
  );
  return <QuizTally.Provider value={value}>{children}</QuizTally.Provider>;
}

export function useQuizTally(): Tally {
  const tally = useContext(QuizTally);
  if (!tally) throw new Error('useQuizTally must be used inside QuizProgressProvider');
  return tally;
}

export function QuizTallySummary({ ruleCount }: { ruleCount: number }) {
  const { points, passed } = useQuizTally();
  return (
    <div className="w-full space-y-1 sm:w-64">
      <p className="flex justify-between text-sm">
        <span>
          {passed.size} of {ruleCount} passed
        </span>
        <span className="font-semibold" data-testid="points">
          {points} points
        </span>
      </p>
      <Progress value={passed.size} max={ruleCount || 1} label="Rules quizzes passed" />
    </div>
  );
}

export function RulePassedBadge({ ruleId }: { ruleId: string }) {
  return useQuizTally().passed.has(ruleId) ? <Badge tone="success">Passed</Badge> : <Badge>To do</Badge>;
}
