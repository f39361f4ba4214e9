import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorBody, CallOutput, OrderDetail } from '../../../shared/contracts';
import { useApi, useRouter, useSignedIn } from '../../app/context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useCodes } from '../../lib/codes';
import { formatDateTime, formatMinor, marketplaceCode } from '../../lib/format';
import { IntakeForm } from '../intake/IntakeForm';
import { OrderLinesHead } from './OrderLinesHead';

type Found = CallOutput<'orders.find'>;

type Search =
  | { status: 'idle' }
  | { status: 'loading'; query: string }
  | { status: 'ok'; query: string; found: Found }
  | { status: 'error'; query: string; error: AppErrorBody };

/**
 * Find the order, then take the return. A scan anywhere in the app lands here with the code
 * (see ScanListener); typing in the field and pressing Enter does the same.
 */
export function ReturnsScreen() {
  const { t } = useTranslation();
  const api = useApi();
  const go = useRouter((s) => s.go);
  const scan = useRouter((s) => (s.route.name === 'returns' ? s.route.scan : undefined));
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<Search>({ status: 'idle' });
  const [chosen, setChosen] = useState<string | null>(null);
  const generation = useRef(0);

  const run = useCallback(
    async (raw: string) => {
      const q = raw.trim();
      if (q === '') return;
      const mine = ++generation.current;
      setChosen(null);
      setSearch({ status: 'loading', query: q });
      const answer = await api.call('orders.find', { query: q });
      if (mine !== generation.current) return;
      if (!answer.ok) {
        setSearch({ status: 'error', query: q, error: answer.error });
        return;
      }
      // An RMA label scanned: open that return directly.
      if (answer.data.matchedBy === 'rma_number') {
        const ret = answer.data.orders
          .flatMap((o) => o.returns)
          .find((r) => r.rmaNumber.toUpperCase() === q.toUpperCase());
        if (ret) {
          go({ name: 'return', returnId: ret.id });
          return;
        }
      }
      setSearch({ status: 'ok', query: q, found: answer.data });
    },
    [api, go],
  );

  useEffect(() => {
    if (!scan) return;
    setQuery(scan.code);
    void run(scan.code);
  }, [scan, run]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void run(query);
  };

  return (
    <div className="screen returns-screen" data-testid="returns-screen">
      <h1 className="screen__title">{t('lookup.title')}</h1>
      <form className="search" role="search" onSubmit={onSubmit}>
        <div className="field search__field">
          <label htmlFor="order-search" className="field__label">
            {t('lookup.findOrder')}
          </label>
          <div className="search__row">
            <input
              id="order-search"
              data-testid="order-search"
              className="input search__input"
              type="search"
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              maxLength={200}
              value={query}
              autoFocus={!scan}
              aria-describedby="order-search-hint"
              onChange={(e) => setQuery(e.target.value)}
            />
            <button
              type="submit"
              className="btn btn--primary"
              disabled={search.status === 'loading' || query.trim() === ''}
            >
              {search.status === 'loading' ? t('lookup.searching') : t('lookup.search')}
            </button>
          </div>
          <p id="order-search-hint" className="field__hint">
            {t('lookup.hint')}
          </p>
        </div>
      </form>

      <div className="search-results" aria-live="polite">
        {search.status === 'loading' && <Loading />}
        {search.status === 'error' && <ErrorNotice error={search.error} testId="search-error" />}
        {search.status === 'ok' && (
          <Results found={search.found} query={search.query} chosen={chosen} onChoose={setChosen} />
        )}
      </div>
    </div>
  );
}

function Results({
  found,
  query,
  chosen,
  onChoose,
}: {
  found: Found;
  query: string;
  chosen: string | null;
  onChoose: (orderId: string | null) => void;
}) {
  const { t } = useTranslation();
  const { orders, matchedBy } = found;
  if (orders.length === 0) {
    return (
      <p className="notice notice--info" data-testid="search-empty">
        {t('lookup.noMatch', { query })}
      </p>
    );
  }
  const only = orders.length === 1 ? orders[0]! : orders.find((o) => o.id === chosen);
  return (
    <div className="results">
      <p className="muted results__count">
        {t('lookup.found', { count: orders.length })} · {t(`lookup.matchedBy.${matchedBy}`)}
      </p>
      {only ? (
        <>
          {orders.length > 1 && (
            <button type="button" className="btn btn--ghost" onClick={() => onChoose(null)}>
              ← {t('lookup.back')}
            </button>
          )}
          <OrderResult order={only}>
            <IntakeForm key={only.id} order={only} />
          </OrderResult>
        </>
      ) : (
        orders.map((order) => (
          <OrderResult
            key={order.id}
            order={order}
            action={
              <button
                type="button"
                className="btn btn--secondary"
                onClick={() => onChoose(order.id)}
              >
                {t('lookup.choose')}
              </button>
            }
          >
            <OrderLinesTable order={order} />
          </OrderResult>
        ))
      )}
    </div>
  );
}

/** One order found: who bought what, when, and what was returned from it already. */
export function OrderResult({
  order,
  action,
  children,
}: {
  order: OrderDetail;
  action?: ReactNode;
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const { device } = useSignedIn();
  const go = useRouter((s) => s.go);
  const codes = useCodes();
  const locale = i18n.language;
  const market = marketplaceCode(order.marketplace);
  return (
    <section
      className="card order-result"
      data-testid="order-result"
      data-order-id={order.id}
      aria-label={`${t('lookup.order.amazonOrderId')} ${order.amazonOrderId}`}
    >
      <header className="order-result__header">
        <div>
          <p className="order-result__label muted">{t('lookup.order.amazonOrderId')}</p>
          <p className="order-result__id mono">{order.amazonOrderId}</p>
        </div>
        <dl className="facts facts--row order-result__facts">
          <div className="fact">
            <dt>{t('lookup.order.marketplace')}</dt>
            <dd>{market ? t(`marketplaces.${market}`) : order.marketplace}</dd>
          </div>
          <div className="fact">
            <dt>{t('lookup.order.purchasedAt')}</dt>
            <dd>
              <time dateTime={order.purchasedAt}>
                {formatDateTime(order.purchasedAt, locale, device.timeZone)}
              </time>
            </dd>
          </div>
          <div className="fact">
            <dt>{t('lookup.order.deliveredAt')}</dt>
            <dd>
              {order.deliveredAt ? (
                <time dateTime={order.deliveredAt}>
                  {formatDateTime(order.deliveredAt, locale, device.timeZone)}
                </time>
              ) : (
                t('lookup.order.notDelivered')
              )}
            </dd>
          </div>
          <div className="fact">
            <dt>{t('lookup.order.status')}</dt>
            <dd>{order.status}</dd>
          </div>
          <div className="fact">
            <dt>{t('lookup.order.buyer')}</dt>
            <dd data-testid="buyer-name">{order.buyerName}</dd>
          </div>
          <div className="fact">
            <dt>{t('lookup.order.email')}</dt>
            <dd>{order.buyerEmail}</dd>
          </div>
        </dl>
        {action && <div className="order-result__action">{action}</div>}
      </header>
      {order.returns.length > 0 && (
        <div className="order-result__returns">
          <span className="muted">{t('lookup.order.existingReturns')}:</span>
          {order.returns.map((r) => (
            <button
              key={r.id}
              type="button"
              className="btn btn--ghost btn--small mono"
              onClick={() => go({ name: 'return', returnId: r.id })}
            >
              {r.rmaNumber} · {codes.returnStatus(r.status)}
            </button>
          ))}
        </div>
      )}
      <div className="order-result__body">{children}</div>
    </section>
  );
}

/** An order's lines, read only (several orders matched; the clerk picks one first). */
function OrderLinesTable({ order }: { order: OrderDetail }) {
  const { t, i18n } = useTranslation();
  const money = (m: { amountMinor: number; currency: string }) =>
    formatMinor(m.amountMinor, m.currency, i18n.language);
  return (
    <div className="table-wrap">
      <table className="table table--dense">
        <OrderLinesHead />
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.id}>
              <td>
                <p>{line.title}</p>
                <p className="muted line-pick__meta">
                  {t('lookup.lines.skuAsin', { sku: line.sku, asin: line.asin })}
                </p>
              </td>
              <td className="num">{line.quantity}</td>
              <td className="num">{line.returnedQuantity}</td>
              <td className="num">{money(line.refundedOrRequested)}</td>
              <td className="num">{money(line.paid)}</td>
              <td className="num">{money(line.unitPrice)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
