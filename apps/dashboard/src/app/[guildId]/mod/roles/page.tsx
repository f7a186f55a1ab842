import type { Metadata } from 'next';
import { CatalogEditor } from '@/components/mod/catalog-editor';
import { ConfigHistory } from '@/components/mod/config-history';
import { Alert } from '@/components/ui/alert';
import { requirePageAccess } from '@/lib/access';
import { getDirectory } from '@/lib/clients/directory';
import { getCatalog } from '@/lib/clients/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Role catalog' };

export default async function CatalogPage({ params }: { params: Promise<{ guildId: string }> }) {
  const { guildId } = await params;
  const { caller } = await requirePageAccess(guildId, 'moderator', `/${guildId}/mod/roles`);
  const [catalog, directory] = await Promise.all([
    getCatalog(guildId, caller!).catch((e: Error) => e),
    getDirectory('roles', guildId, caller!).catch((e: Error) => e),
  ]);
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Role catalog</h1>
      {catalog instanceof Error || directory instanceof Error ? (
        <Alert tone="error" title="The catalog is unavailable">
          {(catalog instanceof Error ? catalog : (directory as Error)).message}
        </Alert>
      ) : (
        <CatalogEditor guildId={guildId} catalog={catalog} directory={directory} />
      )}
      <ConfigHistory guildId={guildId} setting="catalog" />
    </>
  );
}
