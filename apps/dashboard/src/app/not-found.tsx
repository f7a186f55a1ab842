import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="py-16 text-center">
      <h1 className="text-2xl font-bold">Not found</h1>
      <p className="mt-2 text-muted-foreground">There is nothing at this address.</p>
      <Link href="/" className="mt-6 inline-block underline">
        Back to your servers
      </Link>
    </div>
  );
}
