export * from './changes';
export * from './history';
export * from './revalidate';
