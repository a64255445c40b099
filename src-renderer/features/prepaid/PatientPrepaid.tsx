import { useState } from 'react';
import type { PatientPackage, StoredValueHistory } from '../../../src-shared/contract/prepaid';
import { formatDate, formatInstant, money } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useCan, useClinic } from '../../lib/store';
import { Async, Badge, Empty } from '../../lib/ui';
import { packageEntryLabels, packageStateKinds, packageStateLabels, storedValueLabels } from './labels';
import { TransferDialog } from './TransferDialog';

const invoiceLink = (id: number | null, number: string | null) => (id === null ? '' : <a href={`#/invoices/${id}`}>{number ?? 'Draft'}</a>);

/** The patient's packages (sessions left, expiry, history) and stored value (every entry with its invoice). */
export default function PatientPrepaid({ patientId }: { patientId: number }) {
  const packages = useCall('packages.forPatient', { patientId });
  const storedValue = useCall('storedValue.history', { patientId });
  const [transfer, setTransfer] = useState<PatientPackage | null>(null);
  return (
    <div className="stack-page" data-testid="patient-prepaid">
      <h2>Packages</h2>
      <Async state={packages} loadingLabel="Loading packages…">
        {(list) => (list.length ? list.map((held) => <PackagePanel key={held.id} held={held} onTransfer={() => setTransfer(held)} />) : <Empty>No packages yet. Sell one as a line of an invoice.</Empty>)}
      </Async>
      <h2>Stored value</h2>
      <Async state={storedValue} loadingLabel="Loading stored value…">
        {(history) => <StoredValueTable history={history} />}
      </Async>
      {transfer && (
        <TransferDialog
          held={transfer}
          onClose={() => setTransfer(null)}
          onDone={() => {
            setTransfer(null);
            packages.reload();
          }}
        />
      )}
    </div>
  );
}

function PackagePanel({ held, onTransfer }: { held: PatientPackage; onTransfer: () => void }) {
  const can = useCan();
  const { timeZone } = useClinic();
  return (
    <section className="panel" data-testid="package" aria-label={held.name}>
      <div className="page-head">
        <div>
          <h3>
            {held.name} <Badge kind={packageStateKinds[held.state]}>{packageStateLabels[held.state]}</Badge>
          </h3>
          <p>
            <strong data-testid="package-left">{held.left} left</strong> of {held.units} · {held.used} used · {held.covers} · valid until {formatDate(held.expiresOn)} · sold on {invoiceLink(held.saleInvoiceId, held.saleInvoiceNumber)}
          </p>
        </div>
        {can('prepaid.manage') && held.transferable && held.state === 'open' && (
          <button type="button" className="btn" onClick={onTransfer} data-testid="package-transfer">
            Transfer…
          </button>
        )}
      </div>
      <table className="table table-compact">
        <tbody>
          {held.entries.map((e) => (
            <tr key={e.id}>
              <td>{formatInstant(e.at, timeZone, false)}</td>
              <td>{packageEntryLabels[e.kind]}</td>
              <td className="num">{e.units > 0 ? `+${e.units}` : e.units}</td>
              <td>{invoiceLink(e.invoiceId, e.invoiceNumber)}</td>
              <td className="muted">{e.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function StoredValueTable({ history }: { history: StoredValueHistory }) {
  const { currency, timeZone } = useClinic();
  if (!history.entries.length) return <Empty>No stored value. Top-ups and store credit show here.</Empty>;
  return (
    <>
      <p data-testid="stored-value-balance">
        Balance: <strong>{money(history.balanceCents, currency)}</strong>
      </p>
      <table className="table table-compact">
        <thead>
          <tr>
            <th>Date</th>
            <th>Entry</th>
            <th className="num">Amount</th>
            <th className="num">Balance</th>
            <th>Invoice</th>
          </tr>
        </thead>
        <tbody>
          {[...history.entries].reverse().map((e) => (
            <tr key={e.id}>
              <td>{formatInstant(e.at, timeZone, false)}</td>
              <td>{storedValueLabels[e.kind]}</td>
              <td className="num">{money(e.amountCents, currency)}</td>
              <td className="num">{money(e.balanceAfterCents, currency)}</td>
              <td>{invoiceLink(e.invoiceId, e.invoiceNumber)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
