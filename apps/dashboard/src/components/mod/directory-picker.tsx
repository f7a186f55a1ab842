'use client';
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { GuildDirectoryResponse } from '@/lib/clients/directory';
import {
  emptyDirectoryReason,
  filterOptions,
  pickerOptions,
  type PickerOption,
} from '@/lib/directory-options';
import { cn } from '@/lib/class-names';

/**
 * A searchable list of the guild's roles or channels, so a moderator chooses by name instead of
 * typing an id. Type to filter; arrows and Enter pick; Escape closes.
 *
 *   // server side (a page), from the service whose write checks the ids, then passed to the client form:
 *   const directory = await getDirectory('onboarding', guildId, caller);   // @/lib/clients/directory
 *   <DirectoryPicker id="welcome" label="Welcome channel" kind="channel" directory={directory}
 *     value={channelId} onChange={setChannelId} clearable clearLabel="No welcome message" />
 *
 * Roles show their colour and name, highest first. With `grantableOnly` (self-service, rewards,
 * onboarding roles) a role the bot may not grant is listed greyed out with the reason and cannot be
 * picked. Channels show `#name` under their category. `exclude` hides ids already chosen
 * elsewhere in the form. An id that is not in the directory (deleted since) stays visible as such.
 */
export interface DirectoryPickerProps {
  id?: string;
  label: string;
  kind: 'role' | 'channel';
  directory: GuildDirectoryResponse;
  value: string | null | undefined;
  onChange: (id: string | null) => void;
  grantableOnly?: boolean;
  exclude?: readonly string[];
  placeholder?: string;
  /** Offer an entry that clears the choice (onChange(null)), labelled `clearLabel`. */
  clearable?: boolean;
  clearLabel?: string;
  disabled?: boolean;
}

const hex = (color: number) => `#${color.toString(16).padStart(6, '0')}`;

export function DirectoryPicker(props: DirectoryPickerProps) {
  const { label, kind, value, onChange, clearable, clearLabel, disabled } = props;
  const autoId = useId();
  const id = props.id ?? autoId;
  const listId = `${id}-list`;
  const input = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const { directory, grantableOnly, exclude } = props;
  const all = useMemo(
    () => pickerOptions({ kind, directory, grantableOnly, exclude, value }),
    [kind, directory, grantableOnly, exclude, value],
  );
  const selected = value ? all.find((o) => o.id === value) : undefined;
  const shown = useMemo(() => {
    const matches = filterOptions(all, query);
    return clearable && !query.trim() ? [{ id: null, label: clearLabel ?? 'None' }, ...matches] : matches;
  }, [all, query, clearable, clearLabel]);
  const empty = emptyDirectoryReason(kind, directory);
  const display = selected ? selected.label : value ? `Unknown ${kind} (${value})` : '';

  function choose(o: PickerOption | undefined) {
    if (!o || o.disabledReason) return;
    onChange(o.id);
    setOpen(false);
    setQuery('');
    input.current?.blur();
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (shown.length === 0 ? 0 : (a + step + shown.length) % shown.length));
    } else if (e.key === 'Enter' && open) {
      e.preventDefault();
      choose(shown[active]);
    } else if (e.key === 'Escape') {
      setOpen(false);
      setQuery('');
    }
  }

  let lastGroup: string | undefined;
  return (
    <div className="relative">
      <div className="relative">
        {kind === 'role' && selected?.color !== undefined && !open && (
          <Dot color={selected.color} className="absolute left-3 top-1/2 -translate-y-1/2" />
        )}
        <input
          ref={input}
          id={id}
          role="combobox"
          aria-label={label}
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && shown[active] ? `${id}-opt-${active}` : undefined}
          aria-invalid={value && !selected ? true : undefined}
          autoComplete="off"
          disabled={disabled || empty !== undefined}
          placeholder={
            empty
              ? `No ${kind}s known yet`
              : (props.placeholder ?? (kind === 'role' ? 'Search roles…' : 'Search channels…'))
          }
          className={cn(
            'h-10 w-full rounded-md border border-input bg-background px-3 py-2 text-sm text-foreground placeholder:text-muted-foreground',
            'focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-50 aria-[invalid=true]:border-destructive',
          )}
          // An inline style, since px-3 and pl-8 in one class list leave the winner to the stylesheet's order.
          style={
            kind === 'role' && selected?.color !== undefined && !open ? { paddingLeft: '2rem' } : undefined
          }
          value={open ? query : display}
          onFocus={() => {
            setOpen(true);
            setActive(0);
          }}
          onBlur={() => {
            setOpen(false);
            setQuery('');
          }}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      {empty && <p className="mt-1 text-xs text-muted-foreground">{empty}</p>}
      {open && !empty && (
        <ul
          id={listId}
          role="listbox"
          aria-label={label}
          className="absolute z-20 mt-1 max-h-72 w-full overflow-auto rounded-md border border-border bg-card p-1 text-sm shadow-lg"
        >
          {shown.length === 0 && (
            <li className="px-2 py-1.5 text-muted-foreground">
              No {kind} matches “{query}”.
            </li>
          )}
          {shown.map((o, i) => {
            const header = o.group !== undefined && o.group !== lastGroup ? o.group : undefined;
            lastGroup = o.group;
            return (
              <li key={o.id ?? 'none'} role="presentation">
                {header && (
                  <div className="px-2 pb-0.5 pt-2 text-xs font-semibold uppercase tracking-wide text-muted-foreground">
                    {header}
                  </div>
                )}
                <div
                  id={`${id}-opt-${i}`}
                  role="option"
                  aria-selected={o.id === (value ?? null)}
                  aria-disabled={o.disabledReason ? true : undefined}
                  title={o.disabledReason}
                  onMouseDown={(e) => e.preventDefault()}
                  onMouseEnter={() => setActive(i)}
                  onClick={() => choose(o)}
                  className={cn(
                    'flex cursor-pointer items-center gap-2 rounded px-2 py-1.5',
                    i === active && !o.disabledReason && 'bg-muted',
                    o.id === (value ?? null) && 'font-semibold',
                    o.disabledReason && 'cursor-not-allowed opacity-50',
                  )}
                >
                  {o.color !== undefined && <Dot color={o.color} />}
                  <span className="min-w-0 flex-1">
                    <span className="block truncate">{o.label}</span>
                    {o.disabledReason && (
                      <span className="block text-xs text-muted-foreground">{o.disabledReason}</span>
                    )}
                  </span>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** Discord shows a role without colour in the default grey. */
function Dot({ color, className }: { color: number; className?: string }) {
  return (
    <span
      aria-hidden
      className={cn('inline-block h-3 w-3 shrink-0 rounded-full', className)}
      style={{ backgroundColor: color ? hex(color) : '#99aab5' }}
    />
  );
}

export { directoryName } from '@/lib/directory-options';
