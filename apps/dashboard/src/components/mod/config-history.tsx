'use client';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import type { ConfigVersion, HistorySetting } from '@/lib/clients/history';
import type { NamedHistoryPage } from '@/lib/history-names';
import { saveJson } from './save-json';

const TITLES: Record<HistorySetting, string> = {
  'xp-policy': 'XP policy',
  catalog: 'role catalog',
  rewards: 'level rewards',
  rules: 'rules',
  onboarding: 'onboarding settings',
};

const when = (at: string | null) => (at ? new Date(at).toLocaleString() : 'built in');

// A router refresh is sometimes fetched and then not applied (seen in CI: the form kept the
// values a restore had just replaced), so the panel asks again until the page shows the version.
const REFRESH_RETRY_MS = 1_500;
const REFRESH_TRIES = 4;

/**
 * The versions of one setting (who, when, what changed) and a restore of any earlier one, which
 * the service records as a new version. Self-contained: a settings page adds it with one line.
 * `shownVersion` is the version the page's form was rendered from, where the page has one: a
 * restore then counts as done only once the form shows the restored version.
 */
export function ConfigHistory({
  guildId,
  setting,
  shownVersion,
}: {
  guildId: string;
  setting: HistorySetting;
  shownVersion?: number;
}) {
  const router = useRouter();
  const base = `/api/guilds/${guildId}/mod/history/${setting}`;
  const [open, setOpen] = useState(false);
  const [versions, setVersions] = useState<ConfigVersion[]>([]);
  const [current, setCurrent] = useState<number | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [expanded, setExpanded] = useState<number | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | undefined>();
  const [awaiting, setAwaiting] = useState<{ version: number; tries: number } | null>(null);

  const load = useCallback(
    async (before?: number) => {
      const res = await fetch(before === undefined ? base : `${base}?before=${before}`, {
        cache: 'no-store',
      }).catch(() => undefined);
      const body = res ? await res.json().catch(() => ({})) : {};
      if (!res?.ok)
        return setMessage({
          tone: 'error',
          text: body.error ?? 'The history could not be loaded. Try again shortly.',
        });
      const page = body as NamedHistoryPage;
      setCurrent(page.current);
      setNames((n) => ({ ...n, ...page.names }));
      setVersions((vs) => (before === undefined ? page.versions : [...vs, ...page.versions]));
      setNextBefore(page.nextBefore);
    },
    [base],
  );

  useEffect(() => {
    if (!open) return;
    void load();
    // A save in the form next to this panel is a new version: show it when the moderator comes back.
    const onVisible = () => document.visibilityState === 'visible' && void load();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [open, load]);

  useEffect(() => {
    if (!awaiting || shownVersion === undefined) return;
    if (shownVersion >= awaiting.version) return setAwaiting(null);
    if (awaiting.tries >= REFRESH_TRIES) {
      setAwaiting(null);
      return setMessage({
        tone: 'error',
        text: `Version ${awaiting.version} is in force, but this page still shows an older one. Reload the page before editing.`,
      });
    }
    const retry = setTimeout(() => {
      router.refresh();
      setAwaiting((a) => a && { ...a, tries: a.tries + 1 });
    }, REFRESH_RETRY_MS);
    return () => clearTimeout(retry);
  }, [awaiting, shownVersion, router]);

  async function restore(version: number) {
    setBusy(true);
    const result = await saveJson<{ version: number }>(`${base}/${version}/restore`, 'POST', {});
    setBusy(false);
    setConfirming(null);
    if (!result.ok) return setMessage({ tone: 'error', text: result.error });
    setMessage({ tone: 'success', text: `Restored version ${version} as version ${result.data.version}.` });
    // The form next to this panel shows the restored values without waiting for the list.
    router.refresh();
    setAwaiting({ version: result.data.version, tries: 0 });
    await load();
  }

  return (
    <Card data-testid={`history-${setting}`}>
      <CardHeader className="flex flex-row items-start justify-between gap-4">
        <div>
          <CardTitle>History</CardTitle>
          <CardDescription>
            Every saved version of the {TITLES[setting]}: who changed what, and when. Restoring keeps every
            version.
          </CardDescription>
        </div>
        <div className="flex gap-2">
          {open && (
            <Button variant="ghost" size="sm" onClick={() => void load()}>
              Refresh
            </Button>
          )}
          <Button variant="outline" size="sm" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
            {open ? 'Hide history' : 'Show history'}
          </Button>
        </div>
      </CardHeader>
      {open && (
        <CardContent className="space-y-3">
          {message && <Alert tone={message.tone}>{message.text}</Alert>}
          <ol
            className="divide-y divide-border rounded-md border border-border"
            aria-label={`Versions of the ${TITLES[setting]}`}
          >
            {versions.map((v) => (
              <li
                key={v.version}
                className="space-y-2 p-3"
                data-testid="history-version"
                data-version={v.version}
              >
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <div className="min-w-0 space-y-0.5">
                    <div className="flex items-center gap-2 text-sm font-medium">
                      Version {v.version}
                      {v.version === current && <Badge tone="success">in force</Badge>}
                      {v.restoredFrom !== null && <Badge>restored</Badge>}
                    </div>
                    <p className="text-xs text-muted-foreground">
                      {v.by === null ? 'Defaults' : (names[v.by] ?? v.by)} · {when(v.at)}
                    </p>
                    <p className="text-sm">{v.summary}</p>
                  </div>
                  <div className="flex gap-1">
                    {v.changes.length > 0 && (
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-expanded={expanded === v.version}
                        onClick={() => setExpanded((e) => (e === v.version ? null : v.version))}
                      >
                        {expanded === v.version ? 'Hide changes' : `Changes (${v.changes.length})`}
                      </Button>
                    )}
                    {v.version !== current && confirming !== v.version && (
                      <Button variant="outline" size="sm" onClick={() => setConfirming(v.version)}>
                        Restore
                      </Button>
                    )}
                  </div>
                </div>
                {confirming === v.version && (
                  <div
                    role="alertdialog"
                    aria-label={`Restore version ${v.version}`}
                    className="flex flex-wrap items-center gap-2 rounded-md bg-muted/50 p-2 text-sm"
                  >
                    <span>
                      Restore version {v.version}? It is saved as a new version and takes effect at once;
                      nothing is deleted.
                    </span>
                    <Button size="sm" disabled={busy} onClick={() => void restore(v.version)}>
                      {busy ? 'Restoring…' : `Restore version ${v.version}`}
                    </Button>
                    <Button variant="ghost" size="sm" disabled={busy} onClick={() => setConfirming(null)}>
                      Cancel
                    </Button>
                  </div>
                )}
                {expanded === v.version && (
                  <ul className="list-disc space-y-0.5 pl-5 text-sm text-muted-foreground">
                    {v.changes.map((c) => (
                      <li key={`${c.kind}:${c.field}`}>
                        <span className="sr-only">{c.kind}: </span>
                        {c.text}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
          {nextBefore !== null && (
            <Button variant="ghost" size="sm" onClick={() => void load(nextBefore)}>
              Older versions
            </Button>
          )}
        </CardContent>
      )}
    </Card>
  );
}
