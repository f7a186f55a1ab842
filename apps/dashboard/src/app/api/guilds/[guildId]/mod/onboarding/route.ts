import { BadRequest, guarded, json, readJson } from '@/lib/api-response';
import { confirmSetup, getSetup, saveSetup, type OnboardingSettings } from '@/lib/clients/onboarding';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ guildId: string }> };

const ID_FIELDS = [
  'rulesChannelId',
  'welcomeChannelId',
  'preMemberRoleId',
  'memberRoleId',
  'modRoleId',
] as const;
const TEXT_FIELDS = ['preMemberRoleName', 'memberRoleName', 'welcomeText'] as const;
const FLAG_FIELDS = ['restartOnRejoin', 'reagreeOnNewVersion'] as const;

/** Moderators: the onboarding setup, or what onboarding proposes until one confirms. */
export async function GET(_req: Request, { params }: Ctx) {
  const { guildId } = await params;
  return guarded(guildId, 'moderator', async ({ caller }) => json(await getSetup(guildId, caller!)));
}

/** Saves settings: only the known fields are passed on; the service checks ids belong to the guild. */
export async function PUT(req: Request, { params }: Ctx) {
  const { guildId } = await params;
  return guarded(guildId, 'moderator', async ({ caller }) => {
    const body = await readJson(req);
    const changes: Partial<OnboardingSettings> = {};
    for (const f of ID_FIELDS) {
      if (!(f in body)) continue;
      const v = body[f];
      if (v !== null && typeof v !== 'string') throw new BadRequest(`${f} must be an id or null`);
      changes[f] = v === '' ? null : (v as string | null);
    }
    for (const f of TEXT_FIELDS) {
      if (!(f in body)) continue;
      if (typeof body[f] !== 'string') throw new BadRequest(`${f} must be text`);
      changes[f] = body[f] as string;
    }
    for (const f of FLAG_FIELDS) {
      if (!(f in body)) continue;
      if (typeof body[f] !== 'boolean') throw new BadRequest(`${f} must be true or false`);
      changes[f] = body[f] as boolean;
    }
    return json(await saveSetup(guildId, caller!, changes));
  });
}

/** Confirms the proposal: `{ rulesChannelId?, welcomeChannelId? }` replace the proposed channels. */
export async function POST(req: Request, { params }: Ctx) {
  const { guildId } = await params;
  return guarded(guildId, 'moderator', async ({ caller }) => {
    const body = await readJson(req);
    const choice: { rulesChannelId?: string; welcomeChannelId?: string } = {};
    for (const f of ['rulesChannelId', 'welcomeChannelId'] as const) {
      const v = body[f];
      if (v === undefined || v === '' || v === null) continue;
      if (typeof v !== 'string') throw new BadRequest(`${f} must be a channel id`);
      choice[f] = v;
    }
    return json(await confirmSetup(guildId, caller!, choice));
  });
}
