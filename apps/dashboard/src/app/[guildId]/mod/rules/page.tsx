import type { Metadata } from 'next';
import { ConfigHistory } from '@/components/mod/config-history';
import { RulesEditor } from '@/components/mod/rules-editor';
import { Alert } from '@/components/ui/alert';
import { requirePageAccess } from '@/lib/access';
import { getEditableRules } from '@/lib/clients/onboarding';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Rules editor' };

export default async function RulesEditorPage({ params }: { params: Promise<{ guildId: string }> }) {
  const { guildId } = await params;
  const { caller } = await requirePageAccess(guildId, 'moderator', `/${guildId}/mod/rules`);
  const rules = await getEditableRules(guildId, caller!).catch((e: Error) => e);
  if (rules instanceof Error)
    return (
      <Alert tone="error" title="The rules are unavailable">
        {rules.message}
      </Alert>
    );
  return (
    <>
      <RulesEditor guildId={guildId} initial={rules} />
      <ConfigHistory guildId={guildId} setting="rules" shownVersion={rules.version} />
    </>
  );
}
