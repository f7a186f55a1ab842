import type { Metadata } from 'next';
import { ConfigHistory } from '@/components/mod/config-history';
import { OnboardingSetupForm } from '@/components/mod/onboarding-setup-form';
import { Alert } from '@/components/ui/alert';
import { requirePageAccess } from '@/lib/access';
import { getDirectory } from '@/lib/clients/directory';
import { getSetup } from '@/lib/clients/onboarding';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Onboarding setup' };

export default async function OnboardingSetupPage({ params }: { params: Promise<{ guildId: string }> }) {
  const { guildId } = await params;
  const { caller } = await requirePageAccess(guildId, 'moderator', `/${guildId}/mod/onboarding`);
  const [setup, directory] = await Promise.all([
    getSetup(guildId, caller!).catch((e: Error) => e),
    getDirectory('onboarding', guildId, caller!).catch((e: Error) => e),
  ]);
  if (setup instanceof Error || directory instanceof Error)
    return (
      <Alert tone="error" title="The onboarding setup is unavailable">
        {(setup instanceof Error ? setup : (directory as Error)).message}
      </Alert>
    );
  return (
    <div className="space-y-6">
      <OnboardingSetupForm guildId={guildId} initial={setup} directory={directory} />
      <ConfigHistory guildId={guildId} setting="onboarding" />
    </div>
  );
}
