export { DATABASE_URL, NATS_URL, ServiceTestEnv, type StreamMessage } from './service-test-env';
export { waitFor } from './wait-for';
export { http, type Json } from './http';
export { guildSyncedEvent, TEST_BOT_ROLE_ID, TEST_BOT_USER_ID, type DirectorySpec } from './directory-sync';
export { freePort } from './free-port';
export { PrivateNats, PrivatePostgres, type PrivateServer } from './private-servers';
export { ContainerServer, dockerEngineReachable } from './container-servers';
