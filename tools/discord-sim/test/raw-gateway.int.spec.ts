import { GatewayOpcodes } from 'discord-api-types/v10';
import WebSocket from 'ws';
import type { DiscordSimulator } from '../src';
import { startSimulator } from './sim-fixture';

type Frame = { op: number; t?: string; s?: number; d: Record<string, unknown> };

/** A bare WebSocket client, to check protocol details discord.js hides. */
function open(url: string): Promise<{
  ws: WebSocket;
  frames: Frame[];
  next: (pred: (f: Frame) => boolean) => Promise<Frame>;
  closed: Promise<number>;
}> {
  const ws = new WebSocket(`${url}?v=10&encoding=json`);
  const frames: Frame[] = [];
  const waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as Frame;
    frames.push(frame);
    for (const w of [...waiters]) {
      if (!w.pred(frame)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(frame);
    }
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  const next = (pred: (f: Frame) => boolean) =>
    new Promise<Frame>((resolve) => {
      const found = frames.find(pred);
      if (found) resolve(found);
      else waiters.push({ pred, resolve });
    });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, frames, next, closed }));
    ws.once('error', reject);
  });
}

describe('the gateway protocol', () => {
  let sim: DiscordSimulator;
  let gatewayUrl: string;

  beforeAll(async () => {
    sim = await startSimulator({ heartbeatIntervalMs: 45_000 });
    sim.createGuild({ name: 'Raw' });
    const res = await fetch(`${sim.apiUrl}/v10/gateway/bot`, {
      headers: { Authorization: `Bot ${sim.botToken}` },
    });
    const body = (await res.json()) as {
      url: string;
      shards: number;
      session_start_limit: { max_concurrency: number };
    };
    expect(body.shards).toBe(1);
    expect(body.session_start_limit.max_concurrency).toBe(1);
    gatewayUrl = body.url;
  });

  afterAll(() => sim.stop());

  it('says HELLO, ACKs heartbeats and closes with 4004 on a bad token', async () => {
    const conn = await open(gatewayUrl);
    const hello = await conn.next((f) => f.op === GatewayOpcodes.Hello);
    expect(hello.d.heartbeat_interval).toBe(45_000);
    conn.ws.send(JSON.stringify({ op: GatewayOpcodes.Heartbeat, d: null }));
    await conn.next((f) => f.op === GatewayOpcodes.HeartbeatAck);
    conn.ws.send(
      JSON.stringify({ op: GatewayOpcodes.Identify, d: { token: 'bad', intents: 513, properties: {} } }),
    );
    expect(await conn.closed).toBe(4004);
  });

  it('sends READY then GUILD_CREATE with strictly increasing sequence numbers, and answers an unknown RESUME with op 9', async () => {
    const conn = await open(gatewayUrl);
    conn.ws.send(
      JSON.stringify({
        op: GatewayOpcodes.Identify,
        d: { token: sim.botToken, intents: 513, properties: {}, shard: [0, 1] },
      }),
    );
    const ready = await conn.next((f) => f.t === 'READY');
    expect(ready.d).toMatchObject({
      v: 10,
      user: { id: sim.botUserId, bot: true },
      shard: [0, 1],
      application: { id: sim.applicationId },
    });
    expect(ready.d.resume_gateway_url).toBe(gatewayUrl);
    const guildCreate = await conn.next((f) => f.t === 'GUILD_CREATE');
    expect(guildCreate.d).toMatchObject({ name: 'Raw', unavailable: false, member_count: 2, large: false });
    expect(guildCreate.s).toBeGreaterThan(ready.s as number);
    conn.ws.close();

    const other = await open(gatewayUrl);
    other.ws.send(
      JSON.stringify({ op: GatewayOpcodes.Resume, d: { token: sim.botToken, session_id: 'nope', seq: 1 } }),
    );
    const invalid = await other.next((f) => f.op === GatewayOpcodes.InvalidSession);
    expect(invalid.d).toBe(false);
    other.ws.close();
  });
});
