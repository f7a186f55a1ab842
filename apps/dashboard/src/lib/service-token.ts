// The one signer the services verify (libs/platform); imported by path so the dashboard's
// server bundle does not pull in NestJS through the package index.
export { signServiceToken } from '@guildhall/platform/src/auth/service-token';
