import type { Metadata } from 'next';
import { CatalogEditor } from '@/components/mod/catalog-editor';
import { ConfigHistory } from '@/components/mod/config-history';
import { Alert } from '@/components/ui/alert';
import { requirePageAccess } from '@/lib/access';
import { guildRoles } from '@/lib/discord-guild-roles';
import { getCatalog } from '@/lib/clients/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Role catalog' };

export default async function CatalogPage({ params }: { params: Promise<{ guildId: string }> }) {
  const { guildId } = await params;
  const { caller } = await requirePageAccess(guildId, 'moderator', `/${guildId}/mod/roles`);
  const [catalog, roles] = await Promise.all([getCatalog(guildId, caller!).catch((e: Error) => e), guildRoles(guildId)]);
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Role catalog</h1>
      {catalog instanceof Error ? (
        <Alert tone="error" title="The catalog is unavailable">{catalog.message}</Alert>
      ) : (
        <CatalogEditor guildId={guildId} catalog={catalog} roles={roles.filter((r) => !r.managed).map((r) => ({ id: r.id, name: r.name }))} />
      )}
      <ConfigHistory guildId={guildId} setting="catalog" />
    </>
  );
}
