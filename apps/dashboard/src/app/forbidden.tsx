import Link from 'next/link';

export default function Forbidden() {
  return (
    <div className="py-16 text-center" data-testid="forbidden">
      <h1 className="text-2xl font-bold">You can’t open this page</h1>
      <p className="mt-2 text-muted-foreground">
        It is for moderators of this server, or you are not a member of it.
      </p>
      <Link href="/" className="mt-6 inline-block underline">
        Back to your servers
      </Link>
    </div>
  );
}
