'use client';
import { Input, Select } from '@/components/ui/input';

export interface RoleOption {
  id: string;
  name: string;
}

/** A Discord role: a list when the role names are known, else the role id typed in. */
export function RoleField({ id, value, options, onChange, label }: { id: string; value: string; options: RoleOption[]; onChange: (v: string) => void; label: string }) {
  if (options.length === 0)
    return <Input id={id} aria-label={label} inputMode="numeric" placeholder="role id" value={value} onChange={(e) => onChange(e.target.value.trim())} />;
  return (
    <Select id={id} aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Choose a role…</option>
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
      {value && !options.some((o) => o.id === value) && <option value={value}>{value}</option>}
    </Select>
  );
}
