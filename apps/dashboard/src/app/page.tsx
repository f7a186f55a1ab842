import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Avatar } from '@/components/ui/avatar';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { guildIconUrl } from '@/lib/discord-cdn';
import { isModerator } from '@/lib/permissions';
import { currentSession } from '@/lib/current-session';
import { signInErrorMessage } from '@/lib/sign-in-errors';

export const dynamic = 'force-dynamic';

export default async function HomePage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const [{ error: code }, session] = await Promise.all([searchParams, currentSession()]);
  const error = signInErrorMessage(code);
  return (
    <div className="space-y-6">
      {error && (
        <Alert tone="error" title="Sign-in did not finish">
          {error}
        </Alert>
      )}
      {session ? <GuildPicker guilds={session.guilds} /> : <Welcome />}
    </div>
  );
}

function Welcome() {
  return (
    <section className="mx-auto max-w-2xl py-12 text-center">
      <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Your community, levelled up</h1>
      <p className="mt-4 text-muted-foreground">
        See your level and rank, pick your roles, learn the rules and earn points. Moderators tune XP,
        rewards, roles and onboarding in one place.
      </p>
      <a href="/api/auth/login" className={buttonClasses('default', 'lg', 'mt-8')}>
        Sign in with Discord
      </a>
    </section>
  );
}

function GuildPicker({
  guilds,
}: {
  guilds: { id: string; name: string; icon: string | null; role: 'member' | 'moderator' | 'owner' }[];
}) {
  return (
    <section aria-labelledby="guilds-heading" className="space-y-4">
      <h1 id="guilds-heading" className="text-2xl font-bold tracking-tight">
        Choose a server
      </h1>
      {guilds.length === 0 ? (
        <Alert title="No servers yet">
          None of your servers has Guildhall installed. Ask a server admin to add the bot, then sign in again.
        </Alert>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {guilds.map((g) => (
            <li key={g.id}>
              <Card className="h-full">
                <Link
                  href={`/${g.id}`}
                  className="flex items-center gap-3 rounded-xl p-4 hover:bg-muted/40 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                  data-testid={`guild-${g.id}`}
                >
                  <Avatar src={guildIconUrl(g.id, g.icon)} name={g.name} size={44} />
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium">{g.name}</span>
                    {isModerator(g.role) ? <Badge tone="primary">Moderator</Badge> : <Badge>Member</Badge>}
                  </span>
                </Link>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
