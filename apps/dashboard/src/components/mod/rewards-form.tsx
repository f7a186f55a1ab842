'use client';
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input, Select } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import type { RewardTable } from '@/lib/clients/roles';
import type { GuildDirectoryResponse } from '@/lib/clients/directory';
import { DirectoryPicker } from './directory-picker';
import { saveJson } from './save-json';

interface Row {
  key: number;
  level: number;
  roleId: string;
}

/** Level rewards: a role handed out when a member reaches a level, picked from the roles service's directory. */
export function RewardsForm({
  guildId,
  initial,
  directory,
}: {
  guildId: string;
  initial: RewardTable;
  directory: GuildDirectoryResponse;
}) {
  const [mode, setMode] = useState(initial.mode);
  const [rows, setRows] = useState<Row[]>(() =>
    initial.rewards.flatMap((r, i) =>
      r.roleIds.map((roleId, j) => ({ key: i * 100 + j, level: r.level, roleId })),
    ),
  );
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | undefined>();
  const [saving, setSaving] = useState(false);
  const update = (key: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const byLevel = new Map<number, string[]>();
    for (const r of rows.filter((r) => r.roleId))
      byLevel.set(r.level, [...(byLevel.get(r.level) ?? []), r.roleId]);
    setSaving(true);
    const result = await saveJson<RewardTable>(`/api/guilds/${guildId}/mod/rewards`, 'PUT', {
      mode,
      rewards: [...byLevel]
        .sort((a, b) => a[0] - b[0])
        .map(([level, roleIds]) => ({ level, roleIds: [...new Set(roleIds)] })),
    });
    setSaving(false);
    setMessage(
      result.ok
        ? { tone: 'success', text: 'Saved. Members are being brought up to date in the background.' }
        : { tone: 'error', text: result.error },
    );
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Level rewards</CardTitle>
        <CardDescription>Roles members receive on reaching a level.</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} className="space-y-4" aria-label="Level rewards">
          <div className="max-w-xs space-y-1.5">
            <Label htmlFor="reward-mode">When a member has several rewards</Label>
            <Select
              id="reward-mode"
              value={mode}
              onChange={(e) => setMode(e.target.value as RewardTable['mode'])}
            >
              <option value="stack">Keep all earned roles</option>
              <option value="highest">Keep only the highest</option>
            </Select>
          </div>
          {rows.length === 0 && <p className="text-sm text-muted-foreground">No rewards yet.</p>}
          <ul className="space-y-2">
            {rows.map((r, i) => (
              <li key={r.key} className="flex flex-wrap items-center gap-2">
                <Input
                  aria-label={`Reward ${i + 1} level`}
                  type="number"
                  min={1}
                  max={1000}
                  className="w-24"
                  value={r.level}
                  onChange={(e) => update(r.key, { level: Number(e.target.value) })}
                />
                <div className="min-w-48 flex-1">
                  <DirectoryPicker
                    id={`reward-role-${r.key}`}
                    kind="role"
                    label={`Reward ${i + 1} role`}
                    directory={directory}
                    grantableOnly
                    value={r.roleId || null}
                    onChange={(roleId) => update(r.key, { roleId: roleId ?? '' })}
                  />
                </div>
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                  aria-label={`Remove reward ${i + 1}`}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
          <div className="flex flex-wrap gap-2">
            <Button
              variant="outline"
              onClick={() =>
                setRows((rs) => [...rs, { key: Date.now(), level: (rs.at(-1)?.level ?? 0) + 5, roleId: '' }])
              }
            >
              Add reward
            </Button>
            <Button type="submit" disabled={saving}>
              {saving ? 'Saving…' : 'Save rewards'}
            </Button>
          </div>
          {message && <Alert tone={message.tone}>{message.text}</Alert>}
        </form>
      </CardContent>
    </Card>
  );
}
