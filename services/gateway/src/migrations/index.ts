import { EventingUpgrade1767800000000 } from '@guildhall/platform';
import { GatewayTables1767225600000 } from './1767225600000-gateway-tables';
import { ActionLog1767800000100 } from './1767800000100-action-log';

/** In order; never edit one that has shipped, add another. */
export const gatewayMigrations = [
  GatewayTables1767225600000,
  EventingUpgrade1767800000000,
  ActionLog1767800000100,
];
