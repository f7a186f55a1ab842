import type { Metadata } from 'next';
import { RolePicker } from '@/components/roles/role-picker';
import { Alert } from '@/components/ui/alert';
import { requirePageAccess } from '@/lib/access';
import { getCatalog } from '@/lib/clients/roles';
import { getMemberXp } from '@/lib/clients/xp';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Roles' };

export default async function RolesPage({ params }: { params: Promise<{ guildId: string }> }) {
  const { guildId } = await params;
  const { caller } = await requirePageAccess(guildId, 'member', `/${guildId}/roles`);
  const [catalog, xp] = await Promise.all([
    getCatalog(guildId, caller!).catch((e: Error) => e),
    getMemberXp(guildId, caller!.userId).catch(() => undefined),
  ]);
  if (catalog instanceof Error)
    return (
      <Alert tone="error" title="Roles are unavailable">
        {catalog.message}
      </Alert>
    );
  return <RolePicker guildId={guildId} userId={caller!.userId} catalog={catalog} level={xp?.level ?? 0} />;
}
