import { http } from '@guildhall/testing';
import { CatchUp } from './catch-up';
import { ChaosPlatform } from './chaos-platform';
import { configureCommunity, createCommunity, type Community } from './community';
import { DiscordCallLog } from './discord-call-log';
import { expectedCalls, type ExpectedCall } from './expected-calls';
import { FAULTS, type Fault, type FaultId } from './faults';
import type { MadeCall } from './sent';
import { SteadyLoad } from './steady-load';
import { tally, type PhaseTally } from './tally';
import { XpLedgerReader } from './xp-ledger-reader';

export interface ChaosOptions {
  members: number;
  /** Rounds (one message from every member) said during each phase. */
  roundsPerPhase: number;
  tickMs: number;
  /** Rounds of a phase said before its fault strikes. */
  faultAfterRounds: number;
  /** How long a broken part stays broken before it is put right. */
  downMs: number;
  /** Member i says i × headStart messages before the first phase, so level-ups fall in every phase. */
  headStart: number;
  joinEveryRounds: number;
  /** A phase gives up waiting for the platform to catch up after this; the tally says what is missing. */
  catchUpTimeoutMs: number;
  faults: readonly FaultId[];
  /** A first phase with no fault: what the platform does when nothing breaks. */
  baseline: boolean;
  logRoot: string;
  progress(line: string): void;
  /** Ends the run early (Ctrl-C), still stopping every process and removing the servers' data. */
  signal?: AbortSignal;
}

export interface PhaseReport extends PhaseTally {
  fault: string;
  /** From the fault until the platform had caught up with everything said; null: it never did. */
  recoveryMs: number | null;
}

export interface MemberReport {
  userId: string;
  messages: number;
  xp: number;
  expectedMessages: number;
  expectedXp: number;
}

export interface ChaosReport {
  phases: PhaseReport[];
  /** Each chatter as xp's HTTP API shows them at the end. */
  members: MemberReport[];
  /** The Discord calls the load implied, and those Discord received (in order). */
  calls: { expected: ExpectedCall[]; made: readonly MadeCall[] };
  logDir: string;
}

/** Every wait of the run goes through here, so an interrupt ends it at the next wait. */
async function pause(ms: number, signal?: AbortSignal): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
  if (signal?.aborted) throw new Error('interrupted');
}

/** The faults one after another under a steady load, then the tally of what the platform did with it. */
export async function runChaos(o: ChaosOptions): Promise<ChaosReport> {
  const platform = await ChaosPlatform.create(o.logRoot);
  o.progress(`logs in ${platform.logDir}`);
  try {
    const community = createCommunity(platform, o.members);
    o.progress('starting xp, roles, onboarding and the gateway');
    await platform.startParts();
    await configureCommunity(platform, community);
    return await runPhases(platform, community, o);
  } finally {
    await platform.stop();
  }
}

async function runPhases(
  platform: ChaosPlatform,
  community: Community,
  o: ChaosOptions,
): Promise<ChaosReport> {
  const phases: Array<Fault | undefined> = [
    ...(o.baseline ? [undefined] : []),
    ...o.faults.map((f) => FAULTS[f]),
  ];
  const load = new SteadyLoad(platform.sim, community, o);
  const ledger = new XpLedgerReader(platform.db);
  const calls = new DiscordCallLog(platform.sim, community);
  const catchUp = new CatchUp(load, ledger, calls, community.rules);
  const recoveries: Array<number | null> = [];
  try {
    load.start();
    for (const [index, fault] of phases.entries()) {
      o.progress(`[${index + 1}/${phases.length}] ${fault?.name ?? 'no fault'}`);
      calls.beginPhase(index);
      load.beginPhase(index, o.roundsPerPhase);
      if (index === 0 && o.headStart > 0) load.headStart((i) => i * o.headStart);
      await until(() => load.roundsLeft <= o.roundsPerPhase - o.faultAfterRounds, o.signal);
      const struck = Date.now();
      if (fault) await strike(platform, fault, o);
      recoveries.push(await recovery(catchUp, struck, o));
      await until(() => load.phaseDone, o.signal);
      const dead = platform.deadParts();
      if (dead.length > 0) throw new Error(`a part died on its own:\n${dead.join('\n')}`);
    }
    load.stop();
    o.progress('load done; waiting for the platform to finish');
    await recovery(catchUp, Date.now(), o);
    // A late duplicate or a second call would land about now: give it the time to show.
    await pause(3000, o.signal);
    if (!(await ledger.refresh())) throw new Error("xp's ledger could not be read at the end of the run");
    calls.refresh();
  } finally {
    load.stop();
  }
  const expected = expectedCalls(load.messages, load.joins, community.rules);
  const tallies = tally({
    phases: phases.length,
    messages: load.messages,
    ledger: ledger.all,
    expected,
    made: calls.all,
  });
  return {
    phases: tallies.map((t, i) => ({
      ...t,
      fault: phases[i]?.name ?? 'no fault',
      recoveryMs: recoveries[i],
    })),
    members: await memberReports(platform, community, load),
    calls: { expected, made: calls.all },
    logDir: platform.logDir,
  };
}

async function strike(platform: ChaosPlatform, fault: Fault, o: ChaosOptions): Promise<void> {
  const at = Date.now();
  await fault.inject(platform);
  o.progress(`  injected (${seconds(Date.now() - at)})`);
  await pause(o.downMs, o.signal);
  const back = Date.now();
  await fault.recover(platform);
  o.progress(`  put right (${seconds(Date.now() - back)})`);
}

/** Milliseconds from `since` (the fault) until the platform caught up, or null past the timeout; progress every 5 s. */
async function recovery(catchUp: CatchUp, since: number, o: ChaosOptions): Promise<number | null> {
  let told = Date.now();
  while (Date.now() - since < o.catchUpTimeoutMs) {
    if (await catchUp.done()) {
      const ms = Date.now() - since;
      o.progress(`  caught up in ${seconds(ms)}: ${catchUp.status}`);
      return ms;
    }
    if (Date.now() - told >= 5000) {
      o.progress(`  ${catchUp.status}`);
      told = Date.now();
    }
    await pause(100, o.signal);
  }
  o.progress(
    `  NOT caught up after ${seconds(o.catchUpTimeoutMs)}: ${catchUp.status}; waiting for ${catchUp.missing}`,
  );
  return null;
}

async function memberReports(
  platform: ChaosPlatform,
  community: Community,
  load: SteadyLoad,
): Promise<MemberReport[]> {
  const base = `${platform.url('xp')}/guilds/${community.guildId}/members`;
  return Promise.all(
    community.chatters.map(async (userId) => {
      const said = load.messages.filter((m) => m.userId === userId).length;
      const { body } = await http('GET', `${base}/${userId}`);
      return {
        userId,
        messages: Number(body?.messages ?? 0),
        xp: Number(body?.xp ?? 0),
        expectedMessages: said,
        expectedXp: said * community.rules.xpPerMessage,
      };
    }),
  );
}

async function until(condition: () => boolean, signal?: AbortSignal): Promise<void> {
  while (!condition()) await pause(50, signal);
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
