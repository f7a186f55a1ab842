export * from './changes';
export * from './history';
