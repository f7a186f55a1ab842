import Link from 'next/link';
import { avatarUrl } from '@/lib/discord-cdn';
import { currentSession } from '@/lib/current-session';
import { Avatar } from './ui/avatar';
import { Button, buttonClasses } from './ui/button';

export async function SiteHeader() {
  const session = await currentSession();
  const name = session ? (session.user.globalName ?? session.user.username) : '';
  return (
    <header className="border-b border-border bg-card/60">
      <div className="mx-auto flex h-14 max-w-6xl items-center justify-between gap-3 px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <span aria-hidden="true" className="inline-block h-6 w-6 rounded-md bg-primary" />
          Guildhall
        </Link>
        {session ? (
          <div className="flex items-center gap-3">
            <span className="hidden items-center gap-2 text-sm sm:flex" data-testid="signed-in-as">
              <Avatar src={avatarUrl(session.user.id, session.user.avatar, 64)} name={name} size={28} />
              {name}
            </span>
            <form action="/api/auth/logout" method="post">
              <Button type="submit" variant="ghost" size="sm">
                Sign out
              </Button>
            </form>
            <form action="/api/auth/logout?everywhere=1" method="post" className="hidden sm:block">
              <Button
                type="submit"
                variant="ghost"
                size="sm"
                title="Ends your sessions in every browser and Guildhall's access to your Discord account"
              >
                Sign out everywhere
              </Button>
            </form>
          </div>
        ) : (
          <a href="/api/auth/login" className={buttonClasses('default', 'sm')}>
            Sign in with Discord
          </a>
        )}
      </div>
    </header>
  );
}
