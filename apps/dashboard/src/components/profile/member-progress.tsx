import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Progress } from '@/components/ui/progress';
import {
  getProgress,
  getStatus,
  type MemberStatus,
  type Progress as OnboardingProgress,
} from '@/lib/clients/onboarding';
import type { Caller } from '@/lib/clients/service-fetch';

/** Onboarding at a glance: rules agreed, lessons passed, points. */
export async function MemberProgress({
  guildId,
  userId,
  caller,
}: {
  guildId: string;
  userId: string;
  caller: Caller;
}) {
  const result = await Promise.all([
    getProgress(guildId, userId, caller),
    getStatus(guildId, userId, caller),
  ]).catch((err: Error) => err);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Rules progress</CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        {result instanceof Error ? (
          <Alert tone="error">Onboarding progress is unavailable right now.</Alert>
        ) : (
          <ProgressBody guildId={guildId} progress={result[0]} status={result[1]} />
        )}
      </CardContent>
    </Card>
  );
}

function ProgressBody({
  guildId,
  progress,
  status,
}: {
  guildId: string;
  progress?: OnboardingProgress;
  status?: MemberStatus;
}) {
  const passed = progress?.passedRules ?? 0;
  const rulesCount = progress?.totalRules ?? 0;
  return (
    <>
      <p className="flex items-center justify-between text-sm">
        Rules agreement
        {status && !status.needsAgreement ? (
          <Badge tone="success">Agreed</Badge>
        ) : (
          <Badge tone="warning">Not yet</Badge>
        )}
      </p>
      <div className="space-y-1.5">
        <p className="flex justify-between text-sm">
          <span>Quizzes passed</span>
          <span className="tabular-nums text-muted-foreground" data-testid="quizzes-passed">
            {passed} / {rulesCount}
          </span>
        </p>
        <Progress value={passed} max={rulesCount || 1} label="Quizzes passed" />
      </div>
      <p className="flex justify-between text-sm">
        <span>Points</span>
        <span className="font-semibold tabular-nums" data-testid="points">
          {progress?.points ?? 0}
        </span>
      </p>
      <Link href={`/${guildId}/rules`} className="inline-block text-sm underline">
        {passed < rulesCount ? 'Continue learning the rules' : 'Review the rules'}
      </Link>
    </>
  );
}
