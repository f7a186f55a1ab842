import type { Metadata } from 'next';
import { ConfigHistory } from '@/components/mod/config-history';
import { PolicyForm } from '@/components/mod/policy-form';
import { RewardsForm } from '@/components/mod/rewards-form';
import { Alert } from '@/components/ui/alert';
import { requirePageAccess } from '@/lib/access';
import { getDirectory } from '@/lib/clients/directory';
import { getRewards } from '@/lib/clients/roles';
import { getPolicy } from '@/lib/clients/xp';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'XP & rewards' };

export default async function XpSettingsPage({ params }: { params: Promise<{ guildId: string }> }) {
  const { guildId } = await params;
  const { caller } = await requirePageAccess(guildId, 'moderator', `/${guildId}/mod/xp`);
  // Each form picks from the directory of the service that checks its ids (and, for rewards, may grant the roles).
  const [policy, rewards, xpDirectory, rolesDirectory] = await Promise.all([
    getPolicy(guildId, caller!).catch((e: Error) => e),
    getRewards(guildId, caller!).catch((e: Error) => e),
    getDirectory('xp', guildId, caller!).catch((e: Error) => e),
    getDirectory('roles', guildId, caller!).catch((e: Error) => e),
  ]);
  return (
    <>
      {policy instanceof Error || xpDirectory instanceof Error ? (
        <Alert tone="error" title="The XP policy is unavailable">
          {(policy instanceof Error ? policy : (xpDirectory as Error)).message}
        </Alert>
      ) : (
        <PolicyForm key={policy.version} guildId={guildId} initial={policy} directory={xpDirectory} />
      )}
      <ConfigHistory
        guildId={guildId}
        setting="xp-policy"
        shownVersion={policy instanceof Error ? undefined : policy.version}
      />
      {rewards instanceof Error || rolesDirectory instanceof Error ? (
        <Alert tone="error" title="Level rewards are unavailable">
          {(rewards instanceof Error ? rewards : (rolesDirectory as Error)).message}
        </Alert>
      ) : (
        <RewardsForm
          key={JSON.stringify(rewards)}
          guildId={guildId}
          initial={rewards}
          directory={rolesDirectory}
        />
      )}
      <ConfigHistory guildId={guildId} setting="rewards" />
    </>
  );
}
