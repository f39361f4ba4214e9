import type { HandlerMap } from '../context';
import { adminUserHandlers } from './admin-users';
import { policyHandlers } from './policies';
import { deviceHandlers } from './devices';
import { amazonAccountHandlers } from './amazon-account';
import { deadlineHandlers } from './deadlines';
import { auditHandlers } from './audit';
import { authHandlers } from './auth';
import { directoryHandlers } from './directory';
import { inspectionHandlers } from './inspection';
import { labelHandlers } from './labels';
import { manifestHandlers } from './manifests';
import { offlineApprovalHandlers } from './offline-approvals';
import { orderLookupHandlers } from './order-lookup';
import { orderHandlers } from './orders';
import { photoHandlers } from './photos';
import { printingHandlers } from './printing';
import { refundHandlers } from './refunds';
import { returnHandlers } from './returns';
import { settingsHandlers } from './settings';
import { syncHandlers } from './sync';

/** Every contract has exactly one handler; the type fails to compile if one is missing. */
export const handlers: HandlerMap = {
  ...authHandlers,
  ...directoryHandlers,
  ...adminUserHandlers,
  ...policyHandlers,
  ...deviceHandlers,
  ...amazonAccountHandlers,
  ...deadlineHandlers,
  ...orderHandlers,
  ...settingsHandlers,
  ...auditHandlers,
  ...syncHandlers,
  ...orderLookupHandlers,
  ...returnHandlers,
  ...inspectionHandlers,
  ...photoHandlers,
  ...labelHandlers,
  ...manifestHandlers,
  ...refundHandlers,
  ...offlineApprovalHandlers,
  ...printingHandlers,
};
