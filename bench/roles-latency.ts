import { signServiceToken } from '@guildhall/platform';
import type { PlatformRun } from './platform-run';
import { httpJson, waitUntil } from './lib/processes';
import { progress, progressDone, summarize, type LatencySummary } from './lib/report';

interface SimGuild {
  id: string;
  ownerId: string;
  roles: { id: string; name: string }[];
}

/**
 * A member picks a role on the web (POST to the roles service) → role PUT recorded at the
 * simulator. Latency = the simulator's arrival time of the PUT minus the moment of the request.
 */
export async function rolePickLatency(
  run: PlatformRun,
  guild: SimGuild,
  memberIds: string[],
  picks: number,
): Promise<LatencySummary & { samples: number[] }> {
  const base = `http://127.0.0.1:${run.ports.roles}/guilds/${guild.id}`;
  const role = guild.roles.find((r) => r.name === 'Bench Artist');
  if (!role) throw new Error('the bench guild has no "Bench Artist" role');
  const mod = signServiceToken(
    run.authSecret,
    { sub: guild.ownerId, guildId: guild.id, role: 'owner', aud: 'roles' },
    900,
  );
  // The roles service learns the guild's roles from the gateway's guild.synced first.
  const category = await waitUntil('a writable catalog', async () => {
    const res = await httpJson('POST', `${base}/catalog/categories`, { name: 'Interests' }, mod);
    return res.status === 201 && (res.body.id as string);
  });
  await waitUntil(
    'the role in the catalog',
    async () =>
      (await httpJson('POST', `${base}/catalog/roles`, { roleId: role.id, categoryId: category }, mod))
        .status === 201,
  );

  const samples: number[] = [];
  for (let i = 0; i < picks; i++) {
    const userId = memberIds[i % memberIds.length];
    const token = signServiceToken(
      run.authSecret,
      { sub: userId, guildId: guild.id, role: 'member', aud: 'roles' },
      600,
    );
    const path = `/guilds/${guild.id}/members/${userId}/roles/${role.id}`;
    const method = i < memberIds.length ? 'PUT' : 'DELETE';
    const body = method === 'PUT' ? { add: [role.id] } : { remove: [role.id] };
    const before = (await run.sim('GET', `/calls?method=${method}&path=${encodeURIComponent(path)}`)).body
      .length as number;
    const askedAt = Date.now();
    const res = await httpJson('POST', `${base}/members/${userId}/requests`, body, token);
    if (res.status !== 202)
      throw new Error(`role request refused: ${res.status} ${JSON.stringify(res.body)}`);
    const call = await waitUntil(
      'the role call at Discord',
      async () => {
        const calls = (await run.sim('GET', `/calls?method=${method}&path=${encodeURIComponent(path)}`))
          .body as { at: string }[];
        return calls.length > before && calls[calls.length - 1];
      },
      30_000,
    );
    samples.push(Date.parse(call.at) - askedAt);
    progress('role picks', i + 1, picks);
  }
  progressDone();
  return { ...summarize(samples), samples };
}
