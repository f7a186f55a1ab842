'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import type { Catalog, CatalogEdit } from '@/lib/clients/roles';
import type { GuildDirectoryResponse } from '@/lib/clients/directory';
import { DirectoryPicker } from './directory-picker';
import { saveJson } from './save-json';

/** Categories of self-assignable roles, picked from the roles service's directory; roles it may not grant are shown with the reason. */
export function CatalogEditor({
  guildId,
  catalog,
  directory,
}: {
  guildId: string;
  catalog: Catalog;
  directory: GuildDirectoryResponse;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const name = (id: string) => directory.roles.find((r) => r.id === id)?.name;

  async function apply(edit: CatalogEdit, done: string) {
    setBusy(true);
    const result = await saveJson(`/api/guilds/${guildId}/mod/catalog`, 'POST', edit);
    setBusy(false);
    setMessage(result.ok ? { tone: 'success', text: done } : { tone: 'error', text: result.error });
    if (result.ok) router.refresh();
    return result.ok;
  }

  async function addCategory(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const form = e.currentTarget;
    const max = String(f.get('maxRoles') ?? '');
    const ok = await apply(
      {
        op: 'create-category',
        category: {
          name: String(f.get('name')),
          description: String(f.get('description') ?? ''),
          exclusive: f.get('exclusive') === 'on',
          maxRoles: max ? Number(max) : null,
        },
      },
      'Category added.',
    );
    if (ok) form.reset();
  }

  async function addRole(e: FormEvent<HTMLFormElement>, categoryId: string, roleId: string) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const minLevel = String(f.get('minLevel') ?? '');
    await apply(
      {
        op: 'add-role',
        role: {
          roleId,
          categoryId,
          label: String(f.get('label') || name(roleId) || '') || undefined,
          description: String(f.get('description') ?? ''),
          emoji: String(f.get('emoji') ?? '') || null,
          minLevel: minLevel ? Number(minLevel) : null,
          requiresRules: f.get('requiresRules') === 'on',
        },
      },
      'Role added to the catalog.',
    );
  }

  return (
    <div className="space-y-4">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {catalog.categories.length === 0 && (
        <Alert title="No categories yet">Add a category, then put roles members may pick in it.</Alert>
      )}
      {[...catalog.categories]
        .sort((a, b) => a.position - b.position)
        .map((c) => (
          <Card key={c.id}>
            <CardHeader className="flex-row items-start justify-between gap-2">
              <div>
                <CardTitle>{c.name}</CardTitle>
                <CardDescription>
                  {c.description} {c.exclusive ? '· pick one' : c.maxRoles ? `· up to ${c.maxRoles}` : ''}
                </CardDescription>
              </div>
              <Button
                variant="ghost"
                size="sm"
                disabled={busy}
                onClick={() => apply({ op: 'delete-category', categoryId: c.id }, 'Category removed.')}
                aria-label={`Delete category ${c.name}`}
              >
                Delete
              </Button>
            </CardHeader>
            <CardContent className="space-y-4">
              <ul className="divide-y divide-border">
                {catalog.roles
                  .filter((r) => r.categoryId === c.id)
                  .map((r) => (
                    <li key={r.roleId} className="flex flex-wrap items-center justify-between gap-2 py-2">
                      <span>
                        {r.emoji && <span aria-hidden="true">{r.emoji} </span>}
                        <span className="font-medium">{r.label}</span>{' '}
                        {r.minLevel !== null && <Badge>Level {r.minLevel}+</Badge>}{' '}
                        {r.requiresRules && <Badge>Rules</Badge>}{' '}
                        {!r.available && <Badge tone="warning">{r.unavailableReason ?? 'Unavailable'}</Badge>}
                      </span>
                      <Button
                        variant="ghost"
                        size="sm"
                        disabled={busy}
                        onClick={() =>
                          apply({ op: 'delete-role', roleId: r.roleId }, 'Role removed from the catalog.')
                        }
                        aria-label={`Remove ${r.label}`}
                      >
                        Remove
                      </Button>
                    </li>
                  ))}
              </ul>
              <AddRoleForm
                categoryId={c.id}
                directory={directory}
                taken={catalog.roles.map((r) => r.roleId)}
                busy={busy}
                onSubmit={addRole}
              />
            </CardContent>
          </Card>
        ))}
      <Card>
        <CardHeader>
          <CardTitle>New category</CardTitle>
        </CardHeader>
        <CardContent>
          <form onSubmit={addCategory} className="grid gap-3 sm:grid-cols-2" aria-label="New category">
            <div className="space-y-1.5">
              <Label htmlFor="cat-name">Name</Label>
              <Input id="cat-name" name="name" required maxLength={100} />
            </div>
            <div className="space-y-1.5">
              <Label htmlFor="cat-description">Description</Label>
              <Input id="cat-description" name="description" maxLength={200} />
            </div>
            <div className="space-y-1.5">
              <Label htmlFor="cat-max">Most roles per member (empty: no limit)</Label>
              <Input id="cat-max" name="maxRoles" type="number" min={1} max={25} />
            </div>
            <div className="flex items-center gap-2 pt-6">
              <input
                id="cat-exclusive"
                name="exclusive"
                type="checkbox"
                className="h-4 w-4 accent-[var(--color-primary)]"
              />
              <Label htmlFor="cat-exclusive">Pick one only</Label>
            </div>
            <Button type="submit" disabled={busy} className="sm:col-span-2 sm:w-fit">
              Add category
            </Button>
          </form>
        </CardContent>
      </Card>
    </div>
  );
}

function AddRoleForm({
  categoryId,
  directory,
  taken,
  busy,
  onSubmit,
}: {
  categoryId: string;
  directory: GuildDirectoryResponse;
  taken: string[];
  busy: boolean;
  onSubmit: (e: FormEvent<HTMLFormElement>, categoryId: string, roleId: string) => void;
}) {
  const [roleId, setRoleId] = useState('');
  const p = `add-${categoryId}`;
  return (
    <details className="rounded-lg border border-border">
      <summary className="cursor-pointer p-3 text-sm font-medium">Add a role to this category</summary>
      <form
        onSubmit={(e) => onSubmit(e, categoryId, roleId)}
        className="grid gap-3 p-3 pt-0 sm:grid-cols-2"
        aria-label="Add role"
      >
        <div className="space-y-1.5">
          <Label htmlFor={`${p}-role`}>Discord role</Label>
          <DirectoryPicker
            id={`${p}-role`}
            kind="role"
            label="Discord role"
            directory={directory}
            grantableOnly
            exclude={taken}
            value={roleId || null}
            onChange={(id) => setRoleId(id ?? '')}
          />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor={`${p}-label`}>Label (default: the role name)</Label>
          <Input id={`${p}-label`} name="label" maxLength={100} />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor={`${p}-description`}>Description</Label>
          <Input id={`${p}-description`} name="description" maxLength={100} />
        </div>
        <div className="grid grid-cols-2 gap-2">
          <div className="space-y-1.5">
            <Label htmlFor={`${p}-emoji`}>Emoji</Label>
            <Input id={`${p}-emoji`} name="emoji" maxLength={64} />
          </div>
          <div className="space-y-1.5">
            <Label htmlFor={`${p}-level`}>Min level</Label>
            <Input id={`${p}-level`} name="minLevel" type="number" min={0} max={1000} />
          </div>
        </div>
        <div className="flex items-center gap-2">
          <input
            id={`${p}-rules`}
            name="requiresRules"
            type="checkbox"
            className="h-4 w-4 accent-[var(--color-primary)]"
          />
          <Label htmlFor={`${p}-rules`}>Requires agreeing to the rules</Label>
        </div>
        <Button type="submit" disabled={busy || !/^\d{15,21}$/.test(roleId)} className="sm:w-fit">
          Add role
        </Button>
      </form>
    </details>
  );
}
