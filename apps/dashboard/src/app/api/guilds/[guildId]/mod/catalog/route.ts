import { BadRequest, guarded, json, readJson } from '@/lib/api-response';
import { editCatalog, type CatalogEdit } from '@/lib/clients/roles';

export const dynamic = 'force-dynamic';

const OPS = [
  'create-category',
  'update-category',
  'delete-category',
  'add-role',
  'update-role',
  'delete-role',
];

/** Moderators: one catalog change, `{ op, … }` (see CatalogEdit); the roles service checks role safety. */
export async function POST(req: Request, { params }: { params: Promise<{ guildId: string }> }) {
  const { guildId } = await params;
  return guarded(guildId, 'moderator', async ({ caller }) => {
    const body = await readJson(req);
    if (typeof body.op !== 'string' || !OPS.includes(body.op))
      throw new BadRequest(`op must be one of ${OPS.join(', ')}`);
    return json((await editCatalog(guildId, caller!, body as unknown as CatalogEdit)) ?? { ok: true });
  });
}
