import { GatewayTables1767225600000 } from './1767225600000-gateway-tables';

/** In order; never edit one that has shipped, add another. */
export const gatewayMigrations = [GatewayTables1767225600000];
