import type { GatewayServer } from './gateway/gateway-server';
import type { OAuthStore } from './oauth/oauth-store';
import type { CallRecorder } from './rest/call-recorder';
import type { FaultInjector } from './rest/fault-injector';
import type { InteractionStore } from './state/interaction-store';
import type { SimWorld } from './state/world';

export interface SimSettings {
  /** Discord fails an interaction whose first callback comes later than 3 s. */
  callbackDeadlineMs: number;
  /** How long the control API waits for a bot to answer an interaction. */
  defaultWaitMs: number;
  /** After a deferral, how long the control API waits for the edit or follow-up. */
  deferredWaitMs: number;
  /** /gateway/bot's session_start_limit.max_concurrency. */
  maxConcurrency: number;
}

/** What REST, OAuth and control routes share. */
export interface SimContext {
  world: SimWorld;
  interactions: InteractionStore;
  gateway: GatewayServer;
  calls: CallRecorder;
  faults: FaultInjector;
  oauth: OAuthStore;
  settings: SimSettings;
  /** http://host:port */
  baseUrl(): string;
}
