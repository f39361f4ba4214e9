import type { HandlerMap } from '../context';
import { auditHandlers } from './audit';
import { authHandlers } from './auth';
import { directoryHandlers } from './directory';
import { orderHandlers } from './orders';
import { settingsHandlers } from './settings';
import { syncHandlers } from './sync';

/** Every contract has exactly one handler; the type fails to compile if one is missing. */
export const handlers: HandlerMap = {
  ...authHandlers,
  ...directoryHandlers,
  ...orderHandlers,
  ...settingsHandlers,
  ...auditHandlers,
  ...syncHandlers,
};
