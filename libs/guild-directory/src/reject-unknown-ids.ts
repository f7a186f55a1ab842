import { BadRequestException } from '@nestjs/common';
import { DirectoryReads, type GuildDirectory } from './directory-reads';
import type { Queryable } from './directory-writes';
import { unknownIdProblems, type IdReference } from './id-checks';

/** 400 in the ValidationPipe's shape (`message` lists each problem) when a write names ids the guild does not have. */
export function assertKnownIds(dir: GuildDirectory | null, refs: readonly IdReference[]): void {
  const problems = unknownIdProblems(dir, refs);
  if (problems.length > 0)
    throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: problems });
}

/** Loads the guild's directory and checks the ids against it; inside the write's transaction when given one. */
export async function rejectUnknownIds(
  db: Queryable,
  schema: string,
  guildId: string,
  refs: readonly IdReference[],
): Promise<void> {
  if (refs.every((r) => r.ids.length === 0)) return;
  assertKnownIds(await new DirectoryReads(schema).load(db, guildId), refs);
}
