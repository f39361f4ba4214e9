import { useTranslation } from 'react-i18next';

/** The columns of an order's lines, the same at lookup and at intake. */
export function OrderLinesHead() {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        <th scope="col">{t('lookup.lines.item')}</th>
        <th scope="col" className="num">
          {t('lookup.lines.ordered')}
        </th>
        <th scope="col" className="num">
          {t('lookup.lines.returned')}
        </th>
        <th scope="col" className="num">
          {t('lookup.lines.refunded')}
        </th>
        <th scope="col" className="num">
          {t('lookup.lines.paid')}
        </th>
        <th scope="col" className="num">
          {t('lookup.lines.unitPrice')}
        </th>
      </tr>
    </thead>
  );
}
