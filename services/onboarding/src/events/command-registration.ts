import { ActionType } from '@guildhall/contracts';
import type { OutgoingMessage } from '@guildhall/eventing';
import { COMMAND_OWNER, COMMANDS } from '../domain/commands';
import { action, Cause } from './outgoing';

/** Overwrites this service's commands in the guild; the gateway merges them with other owners'. */
export function registerCommands(cause: Cause): OutgoingMessage {
  return action(cause, 'commands.register', ActionType.CommandsRegister, {
    owner: COMMAND_OWNER,
    commands: COMMANDS.map((c) => ({ ...c })),
  });
}
