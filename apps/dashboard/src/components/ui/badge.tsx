import type { HTMLAttributes } from 'react';
import { cn } from '@/lib/class-names';

const tones = {
  default: 'bg-muted text-foreground',
  primary: 'bg-primary/20 text-primary-foreground ring-1 ring-primary/60',
  success: 'bg-success/15 text-success ring-1 ring-success/50',
  warning: 'bg-warning/15 text-warning ring-1 ring-warning/50',
  danger: 'bg-destructive/15 text-red-300 ring-1 ring-destructive/50',
} as const;

export type BadgeTone = keyof typeof tones;

export function Badge({
  className,
  tone = 'default',
  ...props
}: HTMLAttributes<HTMLSpanElement> & { tone?: BadgeTone }) {
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1 rounded-full px-2.5 py-0.5 text-xs font-medium',
        tones[tone],
        className,
      )}
      {...props}
    />
  );
}
