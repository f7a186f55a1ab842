import { Avatar } from '@/components/ui/avatar';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { Progress } from '@/components/ui/progress';
import type { MemberXp } from '@/lib/clients/xp';

export interface ProfileRole {
  id: string;
  name: string;
  color?: number | null;
}

const hex = (color: number) => `#${color.toString(16).padStart(6, '0')}`;
const fmt = new Intl.NumberFormat('en');

/** The member's card: who they are, where they stand, how far to the next level. */
export function ProfileCard({
  name,
  avatar,
  xp,
  roles,
  sharePath,
}: {
  name: string;
  avatar: string | null;
  xp: MemberXp | undefined;
  roles?: ProfileRole[];
  sharePath?: string;
}) {
  const level = xp?.level ?? 0;
  const rank = xp?.rank ?? { name: 'Newcomer', color: 0x99aab5 };
  return (
    <Card className="overflow-hidden" aria-labelledby="profile-name" data-testid="profile-card">
      <div
        className="h-16 sm:h-20"
        style={{ background: `linear-gradient(90deg, ${hex(rank.color)}55, transparent)` }}
      />
      <div className="-mt-10 space-y-5 p-5">
        <div className="flex flex-wrap items-end gap-4">
          <Avatar src={avatar} name={name} size={80} className="ring-4 ring-card" />
          <div className="min-w-0 flex-1">
            <h1 id="profile-name" className="truncate text-2xl font-bold">
              {name}
            </h1>
            <div className="mt-1 flex flex-wrap items-center gap-2">
              <Badge
                style={{ color: hex(rank.color), boxShadow: `inset 0 0 0 1px ${hex(rank.color)}` }}
                data-testid="rank-tier"
              >
                {rank.name}
              </Badge>
              {sharePath && (
                <a href={sharePath} className="text-xs text-muted-foreground underline hover:text-foreground">
                  Shareable link
                </a>
              )}
            </div>
          </div>
        </div>

        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <Stat label="Level" value={fmt.format(level)} testId="stat-level" />
          <Stat label="Total XP" value={fmt.format(xp?.xp ?? 0)} testId="stat-xp" />
          <Stat
            label="Position"
            value={xp?.position ? `#${fmt.format(xp.position)}` : '—'}
            testId="stat-position"
          />
          <Stat label="Messages" value={fmt.format(xp?.messages ?? 0)} testId="stat-messages" />
        </dl>

        <div className="space-y-2">
          <div className="flex justify-between text-sm">
            <span>Level {level + 1}</span>
            <span className="text-muted-foreground">
              {xp
                ? `${fmt.format(xp.xpIntoLevel)} / ${fmt.format(xp.xpForNextLevel)} XP · ${fmt.format(xp.xpToNextLevel)} to go`
                : 'No XP yet — say hello in the server!'}
            </span>
          </div>
          <Progress
            value={xp?.xpIntoLevel ?? 0}
            max={xp?.xpForNextLevel || 100}
            label={`Progress to level ${level + 1}`}
          />
        </div>

        {roles && (
          <div>
            <h2 className="mb-2 text-sm font-medium text-muted-foreground">Roles</h2>
            {roles.length === 0 ? (
              <p className="text-sm text-muted-foreground">No roles yet.</p>
            ) : (
              <ul className="flex flex-wrap gap-2" data-testid="profile-roles">
                {roles.map((r) => (
                  <li key={r.id}>
                    <Badge>
                      <span
                        aria-hidden="true"
                        className="inline-block h-2.5 w-2.5 rounded-full"
                        style={{ background: r.color ? hex(r.color) : '#99aab5' }}
                      />
                      {r.name}
                    </Badge>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </Card>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-lg bg-muted/50 p-3">
      <dt className="text-xs uppercase tracking-wide text-muted-foreground">{label}</dt>
      <dd className="mt-1 text-xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
