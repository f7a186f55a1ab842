import type { ReactNode } from 'react';
import { requirePageAccess } from '@/lib/access';

/**
 * Member pages: the access check runs here, above the loading boundary, so an anonymous visitor
 * gets a real redirect to sign-in and a member of another server a real 403 (not a streamed page).
 */
export default async function MemberLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ guildId: string }>;
}) {
  const { guildId } = await params;
  await requirePageAccess(guildId, 'member', `/${guildId}`);
  return children;
}
