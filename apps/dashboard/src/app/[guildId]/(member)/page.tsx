import type { Metadata } from 'next';
import { LiveRefresh } from '@/components/live/live-refresh';
import { ProfileCard } from '@/components/profile/profile-card';
import { requirePageAccess } from '@/lib/access';
import { avatarUrl } from '@/lib/discord-cdn';
import { memberName } from '@/lib/member-name';
import { getMemberXp } from '@/lib/clients/xp';
import { getCatalog, getMemberRoles } from '@/lib/clients/roles';
import { guildRoles } from '@/lib/discord-guild-roles';
import type { ProfileRole } from '@/components/profile/profile-card';
import { MemberProgress } from '@/components/profile/member-progress';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your profile' };

/** The signed-in member's own card, live. */
export default async function MemberHome({ params }: { params: Promise<{ guildId: string }> }) {
  const { guildId } = await params;
  const { session, caller } = await requirePageAccess(guildId, 'member', `/${guildId}`);
  const me = session!.user;
  const [xp, roles, catalog, named] = await Promise.all([
    getMemberXp(guildId, me.id, caller),
    getMemberRoles(guildId, me.id, caller!).catch(() => undefined),
    getCatalog(guildId, caller!).catch(() => undefined),
    guildRoles(guildId),
  ]);
  const profileRoles: ProfileRole[] | undefined =
    roles &&
    (roles.roles ?? roles.catalogRoles).map((id) => {
      const discord = named.find((r) => r.id === id);
      const label = catalog?.roles.find((r) => r.roleId === id)?.label;
      return { id, name: discord?.name ?? label ?? `Role ·${id.slice(-4)}`, color: discord?.color || null };
    });
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="lg:col-span-2">
        <ProfileCard
          name={memberName(me.id, session)}
          avatar={avatarUrl(me.id, me.avatar)}
          xp={xp}
          roles={profileRoles}
          sharePath={`/${guildId}/${me.id}`}
        />
      </div>
      <MemberProgress guildId={guildId} userId={me.id} caller={caller!} />
      <LiveRefresh guildId={guildId} userId={me.id} />
    </div>
  );
}
