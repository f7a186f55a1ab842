/**
 * A short, stable digest (32-bit FNV-1a, base 36) of a fact's content. Discord does not
 * timestamp member and role updates, so their envelope ids combine the receipt millisecond
 * with this: two different updates in one millisecond both survive the stream's dedupe,
 * while a repeated identical one is dropped.
 */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
