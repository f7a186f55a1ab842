export { startService, type RunningService, type ServiceName } from './services';
export { DASHBOARD_DIR, ensureDashboardBuild } from './dashboard-build';
export { launchBrowser, type Browser } from './browser';
export { freePort, npmStart, type StartedPlatform } from './npm-start';
export { ServiceProcess } from './service-process';
