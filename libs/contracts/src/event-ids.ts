/**
 * How envelope ids are made: the one rule. An id is the stream's `Nats-Msg-Id` and every inbox's
 * dedupe key, so producing the same fact again (a redelivery, a replay, a rebuild) must give the
 * same id: ids are never random and never read the clock, they are paths of what the fact is
 * about, most significant part first, joined by `:`.
 *
 * - A fact observed in Discord takes Discord's id when it has one (a message, an interaction).
 *   A fact no envelope caused and with no id of its own (the others Discord tells, rules a
 *   moderator published) is `guildFactId(guild, ...what identifies it)`, e.g.
 *   `<guild>:<user>:<joinedAt ms>`, `<guild>:rules.published:<version>`.
 * - What a service produces because of something (an envelope, a request, an operation) is
 *   `derivedId(cause, purpose)`: the cause's id, then a purpose no other product of that cause
 *   uses, e.g. `<message id>:xp.awarded`, `<action id>:result`, `<request id>:accepted`.
 * - A producer that shares causes with others and wants its products apart names itself first:
 *   `ownedId(owner, cause, purpose)`, e.g. `onboarding:<interaction id>:reply`; so does what a
 *   producer issues with no cause at all, as `ownedId(owner, purpose, key)`, e.g. xp's
 *   start-up `xp:commands.register:<guild>:<command-set version>`.
 * - A later attempt at the same thing is `attemptId(thing, n)`: `<op id>#2`.
 *
 * Stored events carry these ids: changing a format makes a replay re-issue its facts under new
 * ids, which the stream and the inboxes no longer recognise as duplicates.
 */

/** `<cause>:<purpose>`. Template-built, no array: it runs for every message xp awards. */
export const derivedId = (cause: string, purpose: string): string => `${cause}:${purpose}`;

/** `<owner>:<cause>:<purpose>`, or `<owner>:<purpose>:<key>` when there is no cause. */
export const ownedId = (owner: string, cause: string, purpose: string): string =>
  `${owner}:${cause}:${purpose}`;

/** `<thing>#<attempt>`: attempt 1 is the first. */
export const attemptId = (thing: string, attempt: number): string => `${thing}#${attempt}`;

/** `<guild>:<part>:<part>…`. */
export const guildFactId = (guildId: string, ...parts: ReadonlyArray<string | number>): string =>
  parts.length === 0 ? guildId : `${guildId}:${parts.join(':')}`;
