const cache = new Map<string, number>();

/** Discord's rule: a guild lives on shard (guild_id >> 22) % shard_count. */
export function shardOf(guildId: string, shardCount: number): number {
  if (shardCount <= 1) return 0;
  const key = `${guildId}/${shardCount}`;
  let shard = cache.get(key);
  if (shard === undefined) {
    shard = Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
    if (cache.size > 10_000) cache.clear();
    cache.set(key, shard);
  }
  return shard;
}
