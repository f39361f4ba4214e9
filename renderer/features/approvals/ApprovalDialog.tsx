import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RefundRequest } from '../../../shared/contracts';
import { useApi } from '../../app/context';
import {
  credentialsComplete,
  EMPTY_CREDENTIALS,
  ManagerCredentials,
  type Credentials,
} from '../../components/ManagerCredentials';
import { Modal } from '../../components/Modal';
import { RefundRequestView } from '../refunds/RefundRequestView';
import { DecisionForm } from './DecisionForm';

/**
 * Approval at the till: a manager reads the request on the clerk's screen, enters their own
 * username and PIN (`auth.stepUp`, purpose `approvals.decide`) and approves or denies; the
 * single-use grant goes with `approvals.decide`. The clerk stays signed in.
 */
export function ApprovalDialog({
  request,
  onClose,
  onDecided,
}: {
  request: RefundRequest;
  onClose: () => void;
  onDecided: (request: RefundRequest) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [credentials, setCredentials] = useState<Credentials>(EMPTY_CREDENTIALS);
  const [busy, setBusy] = useState(false);

  const authorise = async () => {
    setBusy(true);
    const step = await api.call('auth.stepUp', {
      username: credentials.username.trim(),
      secret: credentials.pin,
      purpose: 'approvals.decide',
    });
    // The PIN is used once and never kept.
    setCredentials((c) => ({ ...c, pin: '' }));
    setBusy(false);
    return step.ok ? { grantId: step.data.grantId } : { error: step.error };
  };

  return (
    <Modal
      title={t('approvals.dialogTitle')}
      onClose={onClose}
      busy={busy}
      testId="approval-dialog"
    >
      <div className="approval-dialog">
        <RefundRequestView request={request} showRma />
        <DecisionForm
          request={request}
          authorise={authorise}
          ready={credentialsComplete(credentials)}
          onDecided={onDecided}
          onCancel={onClose}
        >
          <ManagerCredentials value={credentials} onChange={setCredentials} disabled={busy} />
        </DecisionForm>
      </div>
    </Modal>
  );
}
