'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Textarea } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import type { GuildDirectoryResponse } from '@/lib/clients/directory';
import type { OnboardingSetup } from '@/lib/clients/onboarding';
import { DirectoryPicker } from './directory-picker';
import { saveJson, type SaveNotice } from './save-json';

/**
 * The onboarding setup page: until a moderator confirms, what onboarding proposes (and what
 * confirming will do); afterwards the live settings. Channels and roles are picked by name from
 * the onboarding service's directory of the guild, the copy its save checks them against.
 */
export function OnboardingSetupForm(props: {
  guildId: string;
  initial: OnboardingSetup;
  directory: GuildDirectoryResponse;
}) {
  // The fields start over from each saved version, but what the last save said stays on screen.
  const [message, setMessage] = useState<SaveNotice | undefined>();
  return (
    <SetupForm
      key={props.initial.updatedAt ?? 'proposal'}
      {...props}
      message={message}
      setMessage={setMessage}
    />
  );
}

function SetupForm({
  guildId,
  initial,
  directory,
  message,
  setMessage,
}: {
  guildId: string;
  initial: OnboardingSetup;
  directory: GuildDirectoryResponse;
  message: SaveNotice | undefined;
  setMessage: (notice: SaveNotice | undefined) => void;
}) {
  const router = useRouter();
  const { settings, proposal } = initial;
  const proposedRole = (slot: 'preMember' | 'member') => {
    const r = proposal?.roles[slot];
    return r?.action === 'adopt' ? r.roleId : '';
  };
  const [rulesChannelId, setRulesChannel] = useState(
    settings.rulesChannelId ?? proposal?.rulesChannelId ?? '',
  );
  const [welcomeChannelId, setWelcomeChannel] = useState(
    settings.welcomeChannelId ??
      (proposal && proposal.welcomeChannelId !== proposal.rulesChannelId
        ? (proposal.welcomeChannelId ?? '')
        : ''),
  );
  const [preMemberRoleId, setPreMember] = useState(settings.preMemberRoleId ?? proposedRole('preMember'));
  const [memberRoleId, setMember] = useState(settings.memberRoleId ?? proposedRole('member'));
  const [welcomeText, setWelcomeText] = useState(settings.welcomeText);
  const [reagreeOnNewVersion, setReagree] = useState(settings.reagreeOnNewVersion);
  const [restartOnRejoin, setRestart] = useState(settings.restartOnRejoin);
  const [saving, setSaving] = useState(false);
  const url = `/api/guilds/${guildId}/mod/onboarding`;
  const problems = initial.confirmed ? initial.problems : (proposal?.problems ?? []);

  const settingsBody = () => ({
    rulesChannelId: rulesChannelId || null,
    welcomeChannelId: welcomeChannelId || null,
    preMemberRoleId: preMemberRoleId || null,
    memberRoleId: memberRoleId || null,
    welcomeText,
    reagreeOnNewVersion,
    restartOnRejoin,
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    let result;
    if (initial.confirmed) result = await saveJson<OnboardingSetup>(url, 'PUT', settingsBody());
    else {
      // Confirming makes the proposal live; the choices it does not cover are saved right after.
      result = await saveJson<OnboardingSetup>(url, 'POST', { rulesChannelId, welcomeChannelId });
      if (result.ok) result = await saveJson<OnboardingSetup>(url, 'PUT', settingsBody());
    }
    setSaving(false);
    setMessage(
      result.ok
        ? {
            tone: 'success',
            text: initial.confirmed
              ? 'Saved.'
              : 'Setup confirmed: missing roles are being created and the rules message is being posted.',
          }
        : { tone: 'error', text: result.error },
    );
    if (result.ok) router.refresh();
  }

  const roleField = (
    slot: 'preMember' | 'member',
    label: string,
    value: string,
    set: (v: string) => void,
  ) => {
    const status = initial.roles[slot];
    const name = slot === 'preMember' ? settings.preMemberRoleName : settings.memberRoleName;
    return (
      <div className="space-y-1.5">
        <Label htmlFor={`role-${slot}`}>{label}</Label>
        <DirectoryPicker
          id={`role-${slot}`}
          label={label}
          kind="role"
          directory={directory}
          grantableOnly
          exclude={[slot === 'preMember' ? memberRoleId : preMemberRoleId].filter(Boolean)}
          value={value}
          onChange={(id) => set(id ?? '')}
          clearable
          clearLabel={`Create a new role “${name}” (no permissions)`}
          placeholder={`Create a new role “${name}” (no permissions)`}
        />
        {initial.confirmed && status.status !== 'configured' && (
          <p className="text-xs text-muted-foreground">
            {status.status === 'creating'
              ? 'Being created in Discord…'
              : status.status === 'failed'
                ? `Creation failed: ${status.error}`
                : 'Not configured.'}
          </p>
        )}
      </div>
    );
  };

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader>
          <CardTitle className="flex flex-wrap items-center gap-2">
            Onboarding setup
            {initial.confirmed ? (
              <Badge tone={initial.ready ? 'success' : 'warning'}>
                {initial.ready ? 'Live' : 'Live, with problems'}
              </Badge>
            ) : (
              <Badge tone="warning">Proposed: not live yet</Badge>
            )}
          </CardTitle>
          <CardDescription>
            New members get the Pre-Member role and a greeting; pressing I Agree on the rules message makes
            them Members.
            {!initial.confirmed && ' Nothing happens in Discord until you confirm.'}
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          {!initial.confirmed && proposal && (
            <div className="text-sm">
              <p className="font-medium">Confirming will:</p>
              <ul className="ml-5 list-disc text-muted-foreground">
                {proposal.willDo.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </div>
          )}
          {!initial.confirmed && !proposal && (
            <Alert tone="info">The bot has not seen this server yet. Invite it, then reload this page.</Alert>
          )}
          {problems.length > 0 && (
            <Alert tone="error" title="Problems">
              <ul className="ml-5 list-disc">
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </Alert>
          )}
          <form onSubmit={submit} className="space-y-4" aria-label="Onboarding setup">
            <div className="grid gap-4 md:grid-cols-2">
              <div className="space-y-1.5">
                <Label htmlFor="rules-channel">Rules channel</Label>
                <DirectoryPicker
                  id="rules-channel"
                  label="Rules channel"
                  kind="channel"
                  directory={directory}
                  value={rulesChannelId}
                  onChange={(id) => setRulesChannel(id ?? '')}
                />
              </div>
              <div className="space-y-1.5">
                <Label htmlFor="welcome-channel">Welcome channel</Label>
                <DirectoryPicker
                  id="welcome-channel"
                  label="Welcome channel"
                  kind="channel"
                  directory={directory}
                  value={welcomeChannelId}
                  onChange={(id) => setWelcomeChannel(id ?? '')}
                  clearable
                  clearLabel="The rules channel"
                  placeholder="The rules channel"
                />
              </div>
              {roleField('preMember', 'Role until they agree', preMemberRoleId, setPreMember)}
              {roleField('member', 'Role after they agree', memberRoleId, setMember)}
            </div>
            <div className="space-y-1.5">
              <Label htmlFor="welcome-text">Welcome message</Label>
              <Textarea
                id="welcome-text"
                rows={3}
                maxLength={2000}
                value={welcomeText}
                onChange={(e) => setWelcomeText(e.target.value)}
              />
              <p className="text-xs text-muted-foreground">
                {'{user}'} mentions the new member, {'{rules}'} links the rules channel.
              </p>
            </div>
            <label className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                className="mt-1"
                checked={reagreeOnNewVersion}
                onChange={(e) => setReagree(e.target.checked)}
              />
              <span>
                Members agree again when a new rules version is published
                <span className="block text-xs text-muted-foreground">
                  They go back to the Pre-Member role until they press I Agree again.
                </span>
              </span>
            </label>
            <label className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                className="mt-1"
                checked={restartOnRejoin}
                onChange={(e) => setRestart(e.target.checked)}
              />
              <span>Members who leave and come back agree again</span>
            </label>
            <Button type="submit" disabled={saving || !rulesChannelId || (!initial.confirmed && !proposal)}>
              {saving ? 'Saving…' : initial.confirmed ? 'Save setup' : 'Confirm setup'}
            </Button>
            {message && <Alert tone={message.tone}>{message.text}</Alert>}
          </form>
        </CardContent>
      </Card>
    </div>
  );
}
