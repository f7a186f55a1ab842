/** Joins Tailwind class lists, skipping falsy parts (the shadcn `cn`, without the merge step). */
export function cn(...parts: Array<string | false | null | undefined>): string {
  return parts.filter(Boolean).join(' ');
}
