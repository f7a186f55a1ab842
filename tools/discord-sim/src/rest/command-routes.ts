import { ApplicationCommandType, type APIApplicationCommand, type Permissions } from 'discord-api-types/v10';
import { invalidFormBody, unknown } from '../http/api-error';
import { noContent, ok, route, type RequestContext, type Route } from '../http/router';
import type { SimContext } from '../sim-context';

type CommandInput = Partial<APIApplicationCommand> & { name?: string };

function toCommand(
  sim: SimContext,
  input: CommandInput,
  existing: APIApplicationCommand | undefined,
  guildId?: string,
): APIApplicationCommand {
  if (!input?.name) throw invalidFormBody('name', 'This field is required');
  const type = input.type ?? ApplicationCommandType.ChatInput;
  return {
    id: existing?.id ?? sim.world.ids.next(),
    application_id: sim.world.identity.applicationId,
    version: sim.world.ids.next(),
    type,
    name: input.name,
    name_localizations: input.name_localizations ?? null,
    description: input.description ?? '',
    description_localizations: input.description_localizations ?? null,
    options: input.options ?? [],
    default_member_permissions: (input.default_member_permissions ?? null) as Permissions | null,
    nsfw: input.nsfw ?? false,
    contexts: input.contexts ?? null,
    integration_types: input.integration_types ?? [0],
    ...(guildId ? { guild_id: guildId } : {}),
  } as APIApplicationCommand;
}

export function commandRoutes(sim: SimContext): Route[] {
  const { world } = sim;
  /** The command map of a guild, or the global one; also checks the application id in the path. */
  const commandsOf = (ctx: RequestContext): Map<string, APIApplicationCommand> => {
    if (ctx.params.app !== world.identity.applicationId) throw unknown.webhook();
    return ctx.params.guildId ? world.guild(ctx.params.guildId).commands : world.globalCommands;
  };
  const bulk = (ctx: RequestContext) => {
    const map = commandsOf(ctx);
    if (!Array.isArray(ctx.body)) throw invalidFormBody('_root', 'Must be an array');
    const byName = new Map([...map.values()].map((c) => [`${c.type}:${c.name}`, c]));
    const next = (ctx.body as CommandInput[]).map((input) =>
      toCommand(sim, input, byName.get(`${input.type ?? 1}:${input.name}`), ctx.params.guildId),
    );
    map.clear();
    for (const command of next) map.set(command.id, command);
    return ok(next);
  };
  const create = (ctx: RequestContext) => {
    const map = commandsOf(ctx);
    const input = ctx.body as CommandInput;
    const existing = [...map.values()].find((c) => c.name === input?.name && c.type === (input.type ?? 1));
    const command = toCommand(sim, input, existing, ctx.params.guildId);
    map.set(command.id, command);
    return ok(command, existing ? 200 : 201);
  };
  const one = (ctx: RequestContext) => {
    const command = commandsOf(ctx).get(ctx.params.commandId);
    if (!command) throw unknown.command();
    return command;
  };
  const routes: Route[] = [];
  for (const prefix of ['/applications/:app/commands', '/applications/:app/guilds/:guildId/commands']) {
    routes.push(
      route('GET', prefix, (ctx) => ok([...commandsOf(ctx).values()])),
      route('PUT', prefix, bulk),
      route('POST', prefix, create),
      route('GET', `${prefix}/:commandId`, (ctx) => ok(one(ctx))),
      route('PATCH', `${prefix}/:commandId`, (ctx) => {
        const current = one(ctx);
        const command = toCommand(
          sim,
          { ...current, ...(ctx.body as CommandInput) },
          current,
          ctx.params.guildId,
        );
        commandsOf(ctx).set(command.id, command);
        return ok(command);
      }),
      route('DELETE', `${prefix}/:commandId`, (ctx) => {
        one(ctx);
        commandsOf(ctx).delete(ctx.params.commandId);
        return noContent();
      }),
    );
  }
  return routes;
}
