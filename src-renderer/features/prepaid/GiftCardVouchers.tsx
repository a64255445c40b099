import type { GiftCard } from '../../../src-shared/contract/prepaid';
import { formatDate, money } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { Async, Empty } from '../../lib/ui';
import { formatCode } from './labels';
import './prepaid.css';

/** The gift cards an invoice sold, one printable voucher each (code, value, valid until). Route #/invoices/:id/vouchers */
export function GiftCardVouchers({ id }: { id: number }) {
  const state = useCall('giftCards.forInvoice', { invoiceId: id });
  return (
    <section className="page print-page" data-testid="vouchers-page">
      <div className="actions actions-split no-print">
        <a href={`#/invoices/${id}`} className="crumb">
          ← Invoice
        </a>
        <button type="button" className="btn btn-primary" onClick={() => window.print()} data-testid="vouchers-print">
          Print
        </button>
      </div>
      <Async state={state} loadingLabel="Loading gift cards…">
        {(cards) => (cards.length ? cards.map((card) => <Voucher key={card.id} card={card} />) : <Empty>No gift card is active on this invoice yet: it activates when the invoice is paid in full.</Empty>)}
      </Async>
    </section>
  );
}

function Voucher({ card }: { card: GiftCard }) {
  const { name, currency } = useClinic();
  return (
    <article className="voucher" data-testid="voucher">
      <p className="voucher-clinic">{name}</p>
      <h1>Gift card</h1>
      <p className="voucher-value">{money(card.amountCents, currency)}</p>
      <p className="voucher-code" data-testid="voucher-code">
        {formatCode(card.code)}
      </p>
      <p>Valid until {formatDate(card.expiresOn)}. Present this code at the desk; it may be spent over several visits.</p>
    </article>
  );
}
