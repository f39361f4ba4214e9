export * from './amazon';
export * from './approval-keys';
export * from './directory';
export * from './orders';
export * from './returns';
export * from './sync';
