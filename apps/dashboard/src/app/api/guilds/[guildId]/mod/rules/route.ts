import { BadRequest, guarded, json, readJson } from '@/lib/api-response';

/** Lessons make rules the largest body; the onboarding service itself takes up to 100 KiB (Nest's default). */
const MAX_RULES_BODY_BYTES = 100 * 1024;
import { getRules, publishRules, type RuleInput } from '@/lib/clients/onboarding';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ guildId: string }> };

/** Moderators: the rules in force with lessons (quiz answers stay in services/onboarding). */
export async function GET(_req: Request, { params }: Ctx) {
  const { guildId } = await params;
  return guarded(guildId, 'moderator', async ({ caller }) => json(await getRules(guildId, caller!)));
}

/** Publishes a new rules version: `{ rules: [{ id, title, text, lesson?, questions? }], requiresReagreement }`. */
export async function PUT(req: Request, { params }: Ctx) {
  const { guildId } = await params;
  return guarded(guildId, 'moderator', async ({ caller }) => {
    const body = await readJson(req, MAX_RULES_BODY_BYTES);
    if (!Array.isArray(body.rules) || typeof body.requiresReagreement !== 'boolean')
      throw new BadRequest('rules must be a list and requiresReagreement a boolean');
    return json(
      await publishRules(guildId, caller!, {
        rules: body.rules as RuleInput[],
        requiresReagreement: body.requiresReagreement,
      }),
    );
  });
}
