import { EventingUpgrade1767800000000 } from '@guildhall/platform';
import { GatewayTables1767225600000 } from './1767225600000-gateway-tables';
import { ActionLog1767800000100 } from './1767800000100-action-log';
import { ShardSessions1767800000200 } from './1767800000200-shard-sessions';
import { MemberRoster1767800000300 } from './1767800000300-member-roster';
import { InteractionStates1767800000400 } from './1767800000400-interaction-states';
import { ParkedActions1767800000500 } from './1767800000500-parked-actions';
import { IdentifyBuckets1767800000600 } from './1767800000600-identify-buckets';

/** In order; never edit one that has shipped, add another. */
export const gatewayMigrations = [
  GatewayTables1767225600000,
  EventingUpgrade1767800000000,
  ActionLog1767800000100,
  ShardSessions1767800000200,
  MemberRoster1767800000300,
  InteractionStates1767800000400,
  ParkedActions1767800000500,
  IdentifyBuckets1767800000600,
];
