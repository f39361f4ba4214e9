export * from './directory';
export * from './journal';
export * from './orders';
export * from './returns';
export * from './printing';
export * from './sync';
export * from './approval-keys';
export * from './policy';
