export { startXpService, type RunningXpService } from './app';
export { xpConfig, type XpConfig } from './config';
export { rebuildProjections, type RebuildOptions, type RebuildReport } from './cli/rebuild-projections';
