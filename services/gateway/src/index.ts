export { startGatewayService, type GatewayService } from './app';
export { gatewayConfig, type GatewayConfig } from './config';
