export {
  startAmazonSimulator,
  SIMULATOR_CREDENTIALS,
  type AmazonSimulator,
  type SimulatorOptions,
  type ValidationRecord,
} from './server';
export { FAULT_KINDS, type FaultKind, type FaultRuleInput } from './faults';
export { type LedgerEntry } from './ledger';
export { clientForSimulator } from './connect';
