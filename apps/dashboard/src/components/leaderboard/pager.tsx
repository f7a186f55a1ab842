import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';

/** Previous / next links that keep the other query parameters. */
export function Pager({
  basePath,
  page,
  pages,
  params = {},
}: {
  basePath: string;
  page: number;
  pages: number;
  params?: Record<string, string>;
}) {
  const href = (p: number) => `${basePath}?${new URLSearchParams({ ...params, page: String(p) }).toString()}`;
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-2 pt-4 text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} className={buttonClasses('outline', 'sm')} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span />
      )}
      <span className="text-muted-foreground" aria-current="page">
        Page {page} of {Math.max(1, pages)}
      </span>
      {page < pages ? (
        <Link href={href(page + 1)} className={buttonClasses('outline', 'sm')} rel="next">
          Next →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
