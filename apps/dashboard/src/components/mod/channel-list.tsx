'use client';
import { Button } from '@/components/ui/button';
import type { GuildDirectoryResponse } from '@/lib/clients/directory';
import { DirectoryPicker, directoryName } from './directory-picker';

/** A set of channels: the chosen ones as removable chips, and a picker that adds one. */
export function ChannelList({
  id,
  label,
  directory,
  value,
  onChange,
}: {
  id: string;
  label: string;
  directory: GuildDirectoryResponse;
  value: string[];
  onChange: (v: string[]) => void;
}) {
  return (
    <div className="space-y-2">
      {value.length > 0 && (
        <ul className="flex flex-wrap gap-2" aria-label={`${label}: chosen`}>
          {value.map((c) => (
            <li
              key={c}
              className="inline-flex items-center gap-1 rounded-full bg-muted py-0.5 pl-3 pr-1 text-sm"
            >
              {directoryName(directory, 'channel', c)}
              <Button
                type="button"
                variant="ghost"
                size="sm"
                className="h-6 px-2"
                aria-label={`Remove ${directoryName(directory, 'channel', c)}`}
                onClick={() => onChange(value.filter((x) => x !== c))}
              >
                ×
              </Button>
            </li>
          ))}
        </ul>
      )}
      <DirectoryPicker
        id={id}
        kind="channel"
        label={label}
        placeholder="Add a channel…"
        directory={directory}
        value={null}
        exclude={value}
        onChange={(c) => c && onChange([...value, c])}
      />
    </div>
  );
}
