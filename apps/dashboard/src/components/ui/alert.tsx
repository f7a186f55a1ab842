import type { ReactNode } from 'react';
import { cn } from '@/lib/class-names';

const tones = {
  info: 'border-border bg-muted/50',
  error: 'border-destructive/60 bg-destructive/10 text-red-200',
  success: 'border-success/60 bg-success/10',
} as const;

export function Alert({
  tone = 'info',
  title,
  children,
  className,
}: {
  tone?: keyof typeof tones;
  title?: string;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={cn('rounded-lg border p-4 text-sm', tones[tone], className)}
    >
      {title && <p className="mb-1 font-semibold">{title}</p>}
      {children}
    </div>
  );
}
