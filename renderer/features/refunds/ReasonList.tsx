import { useCodes, type CodedReason } from '../../lib/codes';

/** Why a manager must look at a refund, in plain words (approval reasons and risk signals). */
export function ReasonList({ reasons, testId }: { reasons: CodedReason[]; testId?: string }) {
  const codes = useCodes();
  // Risk signals are also approval reasons; show each code once.
  const seen = new Set<string>();
  const unique = reasons.filter((r) => !seen.has(r.code) && seen.add(r.code));
  return (
    <ul className="reason-list" data-testid={testId}>
      {unique.map((r) => (
        <li key={r.code} data-code={r.code}>
          {codes.approval(r)}
        </li>
      ))}
    </ul>
  );
}
