export { DATABASE_URL, NATS_URL, ServiceTestEnv, type StreamMessage } from './service-test-env';
export { waitFor } from './wait-for';
export { http, type Json } from './http';
