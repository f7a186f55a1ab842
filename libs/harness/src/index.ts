export { startService, type RunningService, type ServiceName } from './services';
export { DASHBOARD_DIR, ensureDashboardBuild } from './dashboard-build';
export { launchBrowser, type Browser } from './browser';
export { npmStart, type StartedPlatform } from './npm-start';
export { freePort } from '@guildhall/testing';
export { ServiceProcess } from './service-process';
