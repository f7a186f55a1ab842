'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/lib/class-names';

export function ModNav({ guildId }: { guildId: string }) {
  const path = usePathname();
  const base = `/${guildId}/mod`;
  const links = [
    { href: base, label: 'Overview' },
    { href: `${base}/members`, label: 'Members' },
    { href: `${base}/xp`, label: 'XP & rewards' },
    { href: `${base}/roles`, label: 'Role catalog' },
    { href: `${base}/rules`, label: 'Rules' },
    { href: `${base}/onboarding`, label: 'Onboarding setup' },
  ];
  return (
    <nav aria-label="Moderation">
      <ul className="flex gap-1 overflow-x-auto md:flex-col">
        {links.map((l) => {
          const active = l.href === base ? path === base : path.startsWith(l.href);
          return (
            <li key={l.href}>
              <Link
                href={l.href}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'block whitespace-nowrap rounded-md px-3 py-2 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring',
                  active
                    ? 'bg-muted font-medium text-foreground'
                    : 'text-muted-foreground hover:bg-muted/60 hover:text-foreground',
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
