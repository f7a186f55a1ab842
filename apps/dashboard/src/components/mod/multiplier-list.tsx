'use client';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import type { GuildDirectoryResponse } from '@/lib/clients/directory';
import type { Multiplier } from '@/lib/clients/xp';
import { DirectoryPicker } from './directory-picker';

/** XP multipliers by role or channel: each row a picked role/channel and its factor. */
export function MultiplierList({
  kind,
  label,
  directory,
  value,
  onChange,
}: {
  kind: 'role' | 'channel';
  label: string;
  directory: GuildDirectoryResponse;
  value: Multiplier[];
  onChange: (v: Multiplier[]) => void;
}) {
  const set = (i: number, patch: Partial<Multiplier>) =>
    onChange(value.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  const chosen = value.map((m) => m.id);
  return (
    <div className="space-y-2" role="group" aria-label={label}>
      {value.length === 0 && <p className="text-sm text-muted-foreground">None.</p>}
      <ul className="space-y-2">
        {value.map((m, i) => (
          <li key={`${i}-${m.id}`} className="flex items-center gap-2">
            <div className="min-w-0 flex-1">
              <DirectoryPicker
                kind={kind}
                label={`${label} ${i + 1}`}
                directory={directory}
                value={m.id || null}
                exclude={chosen}
                onChange={(id) => set(i, { id: id ?? '' })}
              />
            </div>
            <span aria-hidden className="text-sm text-muted-foreground">
              ×
            </span>
            <div className="w-24 shrink-0">
              <Input
                aria-label={`${label} ${i + 1} factor`}
                type="number"
                min={0}
                max={10}
                step={0.05}
                value={m.multiplier}
                onChange={(e) => set(i, { multiplier: Number(e.target.value) })}
              />
            </div>
            <Button
              type="button"
              variant="ghost"
              size="sm"
              aria-label={`Remove ${label.toLowerCase()} ${i + 1}`}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            >
              Remove
            </Button>
          </li>
        ))}
      </ul>
      <Button
        type="button"
        variant="outline"
        size="sm"
        onClick={() => onChange([...value, { id: '', multiplier: 2 }])}
      >
        Add {kind === 'role' ? 'a role' : 'a channel'}
      </Button>
    </div>
  );
}
