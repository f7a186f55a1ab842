import { DiscordSimulator } from './simulator';

/**
 * `node -r @swc-node/register tools/discord-sim/src/main.ts [--demo]`
 * Environment: PORT (3900), HOST (127.0.0.1), DISCORD_TOKEN, DISCORD_APPLICATION_ID,
 * DISCORD_CLIENT_SECRET, SIM_PUBLIC_URL, DEMO=1, DEMO_SEED, DEMO_MEMBERS, DEMO_MPS,
 * SIM_ALLOW_REMOTE_CONTROL=1.
 */
async function main(): Promise<void> {
  const env = process.env;
  const demo = process.argv.includes('--demo') || env.DEMO === '1' || env.DEMO === 'true';
  const sim = new DiscordSimulator({
    port: Number(env.PORT ?? 3900),
    host: env.HOST ?? '127.0.0.1',
    ...(env.DISCORD_TOKEN ? { botToken: env.DISCORD_TOKEN } : {}),
    ...(env.DISCORD_APPLICATION_ID ? { applicationId: env.DISCORD_APPLICATION_ID } : {}),
    ...(env.DISCORD_CLIENT_SECRET ? { clientSecret: env.DISCORD_CLIENT_SECRET } : {}),
    ...(env.SIM_PUBLIC_URL ? { publicUrl: env.SIM_PUBLIC_URL } : {}),
    allowRemoteControl: env.SIM_ALLOW_REMOTE_CONTROL === '1',
  });
  const { url } = await sim.start();
  console.log(
    `Discord simulator on ${url}  (API ${sim.apiUrl}, control ${url}/_sim, OAuth ${url}/oauth2/authorize)`,
  );
  console.log(`bot token: ${sim.botToken}  application id: ${sim.applicationId}`);
  if (demo) {
    const community = sim.startDemo({
      seed: Number(env.DEMO_SEED ?? 42),
      members: Number(env.DEMO_MEMBERS ?? 300),
      messagesPerSecond: Number(env.DEMO_MPS ?? 5),
    });
    console.log(`demo guild "Guildhall Demo" ${community.guild.id}: chatter starts when a bot connects`);
  }
  const shutdown = () => {
    sim.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
