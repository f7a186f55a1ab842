export { startRolesService, type RunningRolesService } from './app';
export { rolesConfig, type RolesConfig } from './config';
