'use client';
import { useState } from 'react';
import { cn } from '@/lib/class-names';

/** Discord CDN avatar; the member's initial when they have none or the image cannot load. */
export function Avatar({
  src,
  name,
  size = 48,
  className,
}: {
  src?: string | null;
  name: string;
  size?: number;
  className?: string;
}) {
  const [broken, setBroken] = useState(false);
  const style = { width: size, height: size, fontSize: Math.round(size * 0.42) };
  if (src && !broken)
    return (
      // A fixed-size remote CDN image: next/image's optimisation adds nothing here.
      <img
        src={src}
        alt=""
        width={size}
        height={size}
        style={style}
        onError={() => setBroken(true)}
        className={cn('rounded-full bg-muted object-cover', className)}
      />
    );
  return (
    <span
      aria-hidden="true"
      style={style}
      className={cn(
        'inline-flex shrink-0 items-center justify-center rounded-full bg-primary/40 font-semibold text-foreground',
        className,
      )}
    >
      {(name.trim()[0] ?? '?').toUpperCase()}
    </span>
  );
}
