/** Discord's epoch, the first millisecond of 2015: snowflakes count milliseconds from it. */
const DISCORD_EPOCH = 1420070400000n;

/** The moment a snowflake was minted; discord.js' `createdAt` is the same value. */
export function snowflakeTime(id: string): Date {
  return new Date(Number((BigInt(id) >> 22n) + DISCORD_EPOCH));
}
