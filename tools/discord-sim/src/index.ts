export { DiscordSimulator, SIMULATOR_DEFAULTS, type SimulatorOptions } from './simulator';
export {
  SimControl,
  type CommandInput,
  type ComponentInput,
  type ControlMessageInput,
} from './control/sim-control';
export type { GuildView } from './control/control-views';
export type { InteractionView } from './control/interaction-driver';
export { DemoCommunity, type DemoOptions } from './demo/demo-community';
export type { SessionInfo } from './gateway/gateway-server';
export type { GatewayLogin, LoginFilter } from './gateway/gateway-logins';
export type { RecordedCall, CallFilter } from './rest/call-recorder';
export type { Fault, FaultInput } from './rest/fault-injector';
export type { PathPattern } from './rest/path-filter';
export type { GuildInput, GuildRoleInput, ChannelInput } from './state/guild-ops';
export type { MemberInput } from './state/member-ops';
export type { RoleInput } from './state/role-ops';
export type { CommandOptionsInput } from './state/interaction-payloads';
export { DISCORD_EPOCH, SnowflakeGenerator, snowflakeTimestamp, snowflakeFloor } from './state/snowflake';
