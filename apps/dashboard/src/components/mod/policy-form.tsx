'use client';
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input, Select } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import type { GuildDirectoryResponse } from '@/lib/clients/directory';
import type { PolicyVersion, XpPolicy } from '@/lib/clients/xp';
import { ChannelList } from './channel-list';
import { CurveChart } from './curve-chart';
import { DirectoryPicker } from './directory-picker';
import { MultiplierList } from './multiplier-list';
import { saveJson } from './save-json';

/** The guild's XP policy; saving records a new version in services/xp. Roles and channels are picked from xp's directory. */
export function PolicyForm({
  guildId,
  initial,
  directory,
}: {
  guildId: string;
  initial: PolicyVersion;
  directory: GuildDirectoryResponse;
}) {
  const [policy, setPolicy] = useState<XpPolicy>(initial.policy);
  const [version, setVersion] = useState(initial.version);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | undefined>();
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof XpPolicy>(k: K, v: XpPolicy[K]) => setPolicy((p) => ({ ...p, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    setMessage(undefined);
    // A row left without a choice is not a multiplier yet; the service would refuse the empty id.
    const body: XpPolicy = {
      ...policy,
      roleMultipliers: policy.roleMultipliers.filter((m) => m.id),
      channelMultipliers: policy.channelMultipliers.filter((m) => m.id),
    };
    const result = await saveJson<PolicyVersion>(`/api/guilds/${guildId}/mod/xp-policy`, 'PUT', body);
    setSaving(false);
    if (!result.ok) return setMessage({ tone: 'error', text: result.error });
    setPolicy(result.data.policy);
    setVersion(result.data.version);
    setMessage({
      tone: 'success',
      text: `Saved. Policy version ${result.data.version} applies to new messages from now on.`,
    });
  }

  const amount = policy.amount;
  return (
    <Card>
      <CardHeader>
        <CardTitle>XP policy</CardTitle>
        <CardDescription>
          Version {version}. Changes apply to messages sent after saving; history keeps the rules it was
          earned under.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} className="space-y-5" aria-label="XP policy" data-testid="policy-form">
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="space-y-1.5">
              <Label htmlFor="amount-kind">XP per message</Label>
              <Select
                id="amount-kind"
                value={amount.kind}
                onChange={(e) =>
                  set(
                    'amount',
                    e.target.value === 'fixed'
                      ? { kind: 'fixed', xp: 10 }
                      : { kind: 'random', min: 15, max: 25 },
                  )
                }
              >
                <option value="fixed">Fixed amount</option>
                <option value="random">Random in a range</option>
              </Select>
            </div>
            {amount.kind === 'fixed' ? (
              <div className="space-y-1.5">
                <Label htmlFor="amount-xp">XP</Label>
                <Input
                  id="amount-xp"
                  type="number"
                  min={0}
                  max={1000}
                  required
                  value={amount.xp}
                  onChange={(e) => set('amount', { kind: 'fixed', xp: Number(e.target.value) })}
                />
              </div>
            ) : (
              <div className="grid grid-cols-2 gap-2">
                <div className="space-y-1.5">
                  <Label htmlFor="amount-min">Min XP</Label>
                  <Input
                    id="amount-min"
                    type="number"
                    min={0}
                    max={1000}
                    required
                    value={amount.min}
                    onChange={(e) => set('amount', { ...amount, min: Number(e.target.value) })}
                  />
                </div>
                <div className="space-y-1.5">
                  <Label htmlFor="amount-max">Max XP</Label>
                  <Input
                    id="amount-max"
                    type="number"
                    min={0}
                    max={1000}
                    required
                    value={amount.max}
                    onChange={(e) => set('amount', { ...amount, max: Number(e.target.value) })}
                  />
                </div>
              </div>
            )}
            <div className="space-y-1.5">
              <Label htmlFor="cooldown">Cooldown (seconds)</Label>
              <Input
                id="cooldown"
                type="number"
                min={0}
                max={86400}
                required
                value={policy.cooldownSeconds}
                onChange={(e) => set('cooldownSeconds', Number(e.target.value))}
              />
            </div>
            <div className="space-y-1.5">
              <Label htmlFor="curve">Level curve</Label>
              <Select
                id="curve"
                value={policy.curve}
                onChange={(e) => set('curve', e.target.value as XpPolicy['curve'])}
              >
                <option value="sqrt">Square root: level = √(XP / 100)</option>
                <option value="step">Steps: 5·L² + 50·L + 100 per level</option>
              </Select>
            </div>
          </div>
          <CurveChart curve={policy.curve} />
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="space-y-1.5">
              <p className="text-sm font-medium">Role multipliers</p>
              <MultiplierList
                kind="role"
                label="Role multiplier"
                directory={directory}
                value={policy.roleMultipliers}
                onChange={(v) => set('roleMultipliers', v)}
              />
            </div>
            <div className="space-y-1.5">
              <p className="text-sm font-medium">Channel multipliers</p>
              <MultiplierList
                kind="channel"
                label="Channel multiplier"
                directory={directory}
                value={policy.channelMultipliers}
                onChange={(v) => set('channelMultipliers', v)}
              />
            </div>
            <p id="mult-help" className="text-xs text-muted-foreground sm:col-span-2">
              A member with several multiplied roles gets the highest one, not the product. Up to ×10.
            </p>
            <div className="space-y-1.5 sm:col-span-2">
              <Label htmlFor="no-xp">Channels without XP</Label>
              <ChannelList
                id="no-xp"
                label="Channels without XP"
                directory={directory}
                value={policy.noXpChannels}
                onChange={(v) => set('noXpChannels', v)}
              />
            </div>
          </div>
          <fieldset className="space-y-3 rounded-lg border border-border p-4">
            <legend className="px-1 text-sm font-medium">Level-up message</legend>
            <div className="flex items-center gap-2">
              <input
                id="levelup-enabled"
                type="checkbox"
                className="h-4 w-4 accent-[var(--color-primary)]"
                checked={policy.levelUpMessage.enabled}
                onChange={(e) =>
                  set('levelUpMessage', { ...policy.levelUpMessage, enabled: e.target.checked })
                }
              />
              <Label htmlFor="levelup-enabled">Announce level-ups</Label>
            </div>
            <div className="space-y-1.5">
              <Label htmlFor="levelup-template">Message</Label>
              <Input
                id="levelup-template"
                maxLength={500}
                value={policy.levelUpMessage.template}
                onChange={(e) =>
                  set('levelUpMessage', { ...policy.levelUpMessage, template: e.target.value })
                }
                aria-describedby="template-help"
              />
              <p id="template-help" className="text-xs text-muted-foreground">
                {'{user}'} mentions the member, {'{level}'} is the new level, {'{rank}'} the rank.
              </p>
            </div>
            <div className="space-y-1.5">
              <Label htmlFor="levelup-channel">Channel</Label>
              <DirectoryPicker
                id="levelup-channel"
                kind="channel"
                label="Level-up channel"
                directory={directory}
                value={policy.levelUpMessage.channelId ?? null}
                clearable
                clearLabel="Where the member wrote"
                placeholder="Where the member wrote"
                onChange={(channelId) =>
                  set('levelUpMessage', { ...policy.levelUpMessage, channelId: channelId ?? undefined })
                }
              />
            </div>
          </fieldset>
          {message && <Alert tone={message.tone}>{message.text}</Alert>}
          <Button type="submit" disabled={saving}>
            {saving ? 'Saving…' : 'Save policy'}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
