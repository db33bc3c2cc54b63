export * from './ids';
export * from './errors';
export * from './engine';
export * from './engines';
export * from './events';
export * from './containers';
export * from './frames';
export * from './streams';
