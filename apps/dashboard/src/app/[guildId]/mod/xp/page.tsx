import type { Metadata } from 'next';
import { ConfigHistory } from '@/components/mod/config-history';
import { PolicyForm } from '@/components/mod/policy-form';
import { RewardsForm } from '@/components/mod/rewards-form';
import { Alert } from '@/components/ui/alert';
import { requirePageAccess } from '@/lib/access';
import { guildRoles } from '@/lib/discord-guild-roles';
import { getRewards } from '@/lib/clients/roles';
import { getPolicy } from '@/lib/clients/xp';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'XP & rewards' };

export default async function XpSettingsPage({ params }: { params: Promise<{ guildId: string }> }) {
  const { guildId } = await params;
  const { caller } = await requirePageAccess(guildId, 'moderator', `/${guildId}/mod/xp`);
  const [policy, rewards, roles] = await Promise.all([
    getPolicy(guildId, caller!).catch((e: Error) => e),
    getRewards(guildId, caller!).catch((e: Error) => e),
    guildRoles(guildId),
  ]);
  return (
    <>
      {policy instanceof Error ? <Alert tone="error" title="The XP policy is unavailable">{policy.message}</Alert> : <PolicyForm key={policy.version} guildId={guildId} initial={policy} />}
      <ConfigHistory guildId={guildId} setting="xp-policy" />
      {rewards instanceof Error ? (
        <Alert tone="error" title="Level rewards are unavailable">{rewards.message}</Alert>
      ) : (
        <RewardsForm key={JSON.stringify(rewards)} guildId={guildId} initial={rewards} roles={roles.filter((r) => !r.managed).map((r) => ({ id: r.id, name: r.name }))} />
      )}
      <ConfigHistory guildId={guildId} setting="rewards" />
    </>
  );
}
