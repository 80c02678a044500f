export * from './connectors.ts';
export * from './inventory.ts';
export * from './people.ts';
export * from './audit.ts';
export * from './provisioning.ts';
export * from './auth.ts';
export * from './privileged-marks.ts';
