export * from './envelope';
export * from './subjects';
export * from './discord';
export * from './xp';
export * from './actions';
export * from './gateway';
export * from './registry';
