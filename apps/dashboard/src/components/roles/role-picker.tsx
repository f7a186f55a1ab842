'use client';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useGuildEvents } from '@/components/live/use-guild-events';
import { LiveBadge } from '@/components/live/live-badge';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import type { Catalog, CatalogRole, MemberRoles, RoleRequestView } from '@/lib/clients/roles';
import { RequestStatusBadge } from './request-status';

/** Pick self-assignable roles; each request's status updates live from the roles service. */
export function RolePicker({
  guildId,
  userId,
  catalog,
  level,
}: {
  guildId: string;
  userId: string;
  catalog: Catalog;
  level: number;
}) {
  const [state, setState] = useState<MemberRoles | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const url = `/api/guilds/${guildId}/members/${userId}/roles`;

  const load = useCallback(async () => {
    const res = await fetch(url, { cache: 'no-store' });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) return setError(body.error ?? `Could not load your roles (${res.status}).`);
    setError(undefined);
    setState(body as MemberRoles);
  }, [url]);

  useEffect(() => {
    void load();
  }, [load]);

  const live = useGuildEvents(
    guildId,
    (e) => {
      if ((e.kind === 'roles' || e.kind === 'level') && e.userId === userId) void load();
    },
    load,
  );

  const has = useMemo(() => new Set(state ? (state.roles ?? state.catalogRoles) : []), [state]);
  const latest = useMemo(() => latestRequestByRole(state?.requests ?? []), [state]);

  async function change(role: CatalogRole, add: boolean) {
    setBusy(role.roleId);
    setError(undefined);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(add ? { add: [role.roleId] } : { remove: [role.roleId] }),
      });
      const body = await res.json().catch(() => ({}));
      if (res.status === 409 && Array.isArray(body.refusals))
        setError(`Not possible: ${body.refusals.map((r: { reason: string }) => r.reason).join('; ')}`);
      else if (!res.ok) setError(body.error ?? `The request was not accepted (${res.status}).`);
      await load();
    } finally {
      setBusy(undefined);
    }
  }

  const categories = [...catalog.categories].sort((a, b) => a.position - b.position);
  if (catalog.roles.length === 0)
    return (
      <Alert title="No roles to pick yet">
        The moderators have not made any roles self-assignable in this server.
      </Alert>
    );

  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-2">
        <h1 className="text-2xl font-bold tracking-tight">Pick your roles</h1>
        <LiveBadge state={live} />
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      {categories.map((cat) => {
        const roles = catalog.roles.filter((r) => r.categoryId === cat.id);
        if (roles.length === 0) return null;
        return (
          <Card key={cat.id}>
            <CardHeader>
              <CardTitle>{cat.name}</CardTitle>
              <CardDescription>
                {cat.description}
                {cat.exclusive ? ' Pick one.' : cat.maxRoles ? ` Up to ${cat.maxRoles}.` : ''}
              </CardDescription>
            </CardHeader>
            <CardContent>
              <ul className="grid gap-3 sm:grid-cols-2">
                {roles.map((role) => {
                  const owned = has.has(role.roleId);
                  const request = latest.get(role.roleId);
                  const locked = role.minLevel !== null && (state?.level ?? level) < role.minLevel && !owned;
                  return (
                    <li
                      key={role.roleId}
                      className="flex flex-col gap-2 rounded-lg border border-border p-3"
                      data-testid={`role-${role.roleId}`}
                    >
                      <div className="flex items-start justify-between gap-2">
                        <div>
                          <p className="font-medium">
                            {role.emoji && <span aria-hidden="true">{role.emoji} </span>}
                            {role.label}
                          </p>
                          {role.description && (
                            <p className="text-sm text-muted-foreground">{role.description}</p>
                          )}
                        </div>
                        {owned && <Badge tone="success">You have it</Badge>}
                      </div>
                      <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                        {!role.available && (
                          <span className="text-warning">Unavailable: {role.unavailableReason}</span>
                        )}
                        {role.minLevel !== null && <span>Level {role.minLevel}+</span>}
                        {role.requiresRules && <span>Requires agreeing to the rules</span>}
                      </div>
                      {request && (
                        <div className="flex flex-wrap items-center gap-2 text-sm" aria-live="polite">
                          <RequestStatusBadge status={request.status} />
                          {request.problems
                            .filter((p) => p.roleId === role.roleId)
                            .map((p) => (
                              <span key={p.reason} className="text-red-300" data-testid="request-reason">
                                {p.reason}
                              </span>
                            ))}
                        </div>
                      )}
                      {state === undefined ? (
                        <Skeleton className="h-8 w-24" />
                      ) : (
                        <Button
                          size="sm"
                          variant={owned ? 'outline' : 'default'}
                          disabled={
                            busy !== undefined || locked || !role.available || request?.status === 'pending'
                          }
                          onClick={() => change(role, !owned)}
                          aria-label={`${owned ? 'Remove' : 'Add'} ${role.label}`}
                        >
                          {busy === role.roleId
                            ? 'Sending…'
                            : owned
                              ? 'Remove'
                              : locked
                                ? `Unlocks at level ${role.minLevel}`
                                : 'Add'}
                        </Button>
                      )}
                    </li>
                  );
                })}
              </ul>
            </CardContent>
          </Card>
        );
      })}
    </div>
  );
}

/** The newest request touching each role decides the status shown next to it. */
function latestRequestByRole(requests: RoleRequestView[]): Map<string, RoleRequestView> {
  const sorted = [...requests].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const byRole = new Map<string, RoleRequestView>();
  for (const r of sorted) for (const id of [...r.add, ...r.remove]) byRole.set(id, r);
  return byRole;
}
