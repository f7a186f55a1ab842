import { BadRequest, json, readJson } from '@/lib/api-response';
import { forMember } from '@/lib/member-route';
import { submitAttempt } from '@/lib/clients/onboarding';

export const dynamic = 'force-dynamic';

const RULE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Grade an attempt at one rule's quiz: `{ answers: [{ questionId, choice }] }`. */
export async function POST(
  req: Request,
  { params }: { params: Promise<{ guildId: string; userId: string; ruleId: string }> },
) {
  const { guildId, userId, ruleId } = await params;
  return forMember(guildId, userId, async ({ caller }) => {
    // Quiz points are the member's own achievement: nobody, not even a moderator, answers for them.
    if (caller.userId !== userId) return json({ error: 'Only the member can take their own quiz.' }, 403);
    if (!RULE_ID.test(ruleId)) throw new BadRequest('ruleId is not a rule id');
    const body = await readJson(req);
    const answers = body.answers;
    if (
      !Array.isArray(answers) ||
      answers.length > 50 ||
      !answers.every(
        (a) => a && typeof a.questionId === 'string' && Number.isInteger(a.choice) && a.choice >= 0,
      )
    )
      throw new BadRequest('answers must be a list of { questionId, choice }');
    return json(
      await submitAttempt(
        guildId,
        userId,
        ruleId,
        caller,
        answers as { questionId: string; choice: number }[],
      ),
    );
  });
}
