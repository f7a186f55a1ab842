import type { Metadata } from 'next';
import { OnboardingSetupForm } from '@/components/mod/onboarding-setup-form';
import { Alert } from '@/components/ui/alert';
import { requirePageAccess } from '@/lib/access';
import { getSetup } from '@/lib/clients/onboarding';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Onboarding setup' };

export default async function OnboardingSetupPage({ params }: { params: Promise<{ guildId: string }> }) {
  const { guildId } = await params;
  const { caller } = await requirePageAccess(guildId, 'moderator', `/${guildId}/mod/onboarding`);
  const setup = await getSetup(guildId, caller!).catch((e: Error) => e);
  if (setup instanceof Error) return <Alert tone="error" title="The onboarding setup is unavailable">{setup.message}</Alert>;
  return <OnboardingSetupForm guildId={guildId} initial={setup} />;
}
