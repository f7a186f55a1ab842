'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/lib/class-names';

export function GuildNav({
  guildId,
  member,
  moderator,
}: {
  guildId: string;
  member: boolean;
  moderator: boolean;
}) {
  const path = usePathname();
  const base = `/${guildId}`;
  const links = [
    ...(member
      ? [
          { href: base, label: 'Profile' },
          { href: `${base}/roles`, label: 'Roles' },
          { href: `${base}/rules`, label: 'Rules' },
        ]
      : []),
    { href: `${base}/leaderboard`, label: 'Leaderboard' },
    ...(moderator ? [{ href: `${base}/mod`, label: 'Moderation' }] : []),
  ];
  return (
    <nav aria-label="Server sections" className="-mx-1 overflow-x-auto">
      <ul className="flex gap-1 px-1">
        {links.map((l) => {
          const active = l.href === base ? path === base : path.startsWith(l.href);
          return (
            <li key={l.href}>
              <Link
                href={l.href}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'inline-block whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring',
                  active
                    ? 'bg-primary text-primary-foreground'
                    : 'text-muted-foreground hover:bg-muted hover:text-foreground',
                )}
              >
                {l.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
