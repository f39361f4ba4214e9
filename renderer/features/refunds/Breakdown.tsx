import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { BreakdownSchema } from '../../../shared/contracts';
import { formatMinor } from '../../lib/format';

export type Breakdown = z.infer<typeof BreakdownSchema>;

/** A refund split into what it pays back; the fee is withheld, the total is what moves. */
export function BreakdownView({ amount, testId }: { amount: Breakdown; testId?: string }) {
  const { t, i18n } = useTranslation();
  const money = (minor: number) => formatMinor(minor, amount.currency, i18n.language);
  const rows: [string, number][] = [
    [t('breakdown.item'), amount.itemMinor],
    [t('breakdown.itemTax'), amount.itemTaxMinor],
    [t('breakdown.shipping'), amount.shippingMinor],
    [t('breakdown.shippingTax'), amount.shippingTaxMinor],
  ];
  return (
    <dl className="breakdown" data-testid={testId}>
      {rows
        .filter(([, minor]) => minor !== 0)
        .map(([label, minor]) => (
          <div key={label} className="breakdown__row">
            <dt>{label}</dt>
            <dd className="num">{money(minor)}</dd>
          </div>
        ))}
      {amount.restockingFeeMinor !== 0 && (
        <div className="breakdown__row breakdown__row--fee">
          <dt>{t('breakdown.restockingFee')}</dt>
          <dd className="num">−{money(amount.restockingFeeMinor)}</dd>
        </div>
      )}
      <div className="breakdown__row breakdown__row--total">
        <dt>{t('breakdown.total')}</dt>
        <dd className="num">{money(amount.totalMinor)}</dd>
      </div>
    </dl>
  );
}
