import type { Money } from '../money';
import type { RiskSignal } from '../returns/approval-policy';
import { resolvePolicy, type PolicySet, type PolicyTarget } from './policy-set';
import { routeRefund, type ApprovalTier } from './routing';

/**
 * What publishing a policy version would change for the requests still waiting: "these 12
 * pending requests would now be auto-approved". The same functions route requests when the
 * version is published, so the preview's count is what publishing then does.
 */
export interface PendingRequest {
  id: string;
  amount: Money;
  signals: readonly RiskSignal[];
  target: PolicyTarget;
}

export interface PreviewChange {
  requestId: string;
  from: ApprovalTier;
  to: ApprovalTier;
}

export function previewPolicyChange(
  pending: readonly PendingRequest[],
  published: readonly PolicySet[],
  draft: PolicySet,
): { changes: PreviewChange[]; nowAutoApproved: number; escalated: number; relaxed: number } {
  const changes: PreviewChange[] = [];
  for (const request of pending) {
    const from = routeRefund({ ...request, policy: resolvePolicy(published, request.target) }).tier;
    const to = routeRefund({
      ...request,
      policy: resolvePolicy([...published, draft], request.target),
    }).tier;
    if (from !== to) changes.push({ requestId: request.id, from, to });
  }
  const rank = (t: ApprovalTier) =>
    ['auto', 'store_manager', 'regional_manager', 'finance'].indexOf(t);
  return {
    changes,
    nowAutoApproved: changes.filter((c) => c.to === 'auto').length,
    escalated: changes.filter((c) => rank(c.to) > rank(c.from)).length,
    relaxed: changes.filter((c) => rank(c.to) < rank(c.from)).length,
  };
}
