export * from './ids';
export * from './errors';
export * from './engine';
export * from './events';
export * from './containers';
export * from './frames';
export * from './streams';
export * from './image-ref';
