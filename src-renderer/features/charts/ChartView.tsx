import type { Chart } from '../../../src-shared/contract/charts';
import { formatDate, formatInstant } from '../../lib/format';
import { useClinic } from '../../lib/store';
import { totalsByProduct } from './chartValues';

const soap = [
  ['subjective', 'Subjective'],
  ['objective', 'Objective'],
  ['assessment', 'Assessment'],
  ['plan', 'Plan'],
] as const;

/** A note as it was signed, read-only. */
export function ChartView({ content }: { content: Chart['content'] }) {
  const totals = totalsByProduct(content.injections);
  return (
    <div className="chart-view" data-testid="chart-view">
      <div className="soap-grid">
        {soap.map(([key, label]) => (
          <div key={key}>
            <h3>{label}</h3>
            <p className="prewrap" data-testid={`view-${key}`}>
              {content[key] || <span className="muted">—</span>}
            </p>
          </div>
        ))}
      </div>
      {content.injections.length > 0 && (
        <>
          <h3>Injections</h3>
          <table className="table table-grid" data-testid="view-injections">
            <thead>
              <tr>
                <th>Site</th>
                <th>Product</th>
                <th className="num">Units</th>
                <th>Lot</th>
                <th>Expiry</th>
              </tr>
            </thead>
            <tbody>
              {content.injections.map((i, n) => (
                <tr key={n}>
                  <td>{i.site}</td>
                  <td>{i.product}</td>
                  <td className="num">
                    {i.units} {i.unit}
                  </td>
                  <td>{i.lot}</td>
                  <td>{formatDate(i.expiry)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="inj-totals" data-testid="view-totals">
            <strong>Total</strong>{' '}
            {totals.map((t) => (
              <span key={`${t.product}|${t.unit}`} className="badge">
                {t.product}: {t.total} {t.unit}
              </span>
            ))}
          </p>
        </>
      )}
      {content.deviceSettings.length > 0 && (
        <>
          <h3>Device settings</h3>
          <table className="table table-grid" data-testid="view-devices">
            <thead>
              <tr>
                <th>Device</th>
                <th>Area</th>
                <th className="num">nm</th>
                <th className="num">J/cm²</th>
                <th className="num">Spot mm</th>
                <th className="num">Pulse ms</th>
                <th className="num">Passes</th>
              </tr>
            </thead>
            <tbody>
              {content.deviceSettings.map((d, n) => (
                <tr key={n}>
                  <td>{d.device}</td>
                  <td>{d.area}</td>
                  <td className="num">{d.wavelengthNm ?? '—'}</td>
                  <td className="num">{d.fluence ?? '—'}</td>
                  <td className="num">{d.spotSizeMm ?? '—'}</td>
                  <td className="num">{d.pulseMs ?? '—'}</td>
                  <td className="num">{d.passes ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <dl className="details chart-view-foot">
        <dt>Consent form</dt>
        <dd data-testid="view-consent">{content.consentFormRef || <span className="muted">—</span>}</dd>
        <dt>Post-care</dt>
        <dd className="prewrap" data-testid="view-postcare">
          {content.postCare || <span className="muted">—</span>}
        </dd>
      </dl>
    </div>
  );
}

const fieldLabels: Record<string, string> = {
  subjective: 'Subjective',
  objective: 'Objective',
  assessment: 'Assessment',
  plan: 'Plan',
  injections: 'Injections',
  deviceSettings: 'Device settings',
  consentFormRef: 'Consent form',
  postCare: 'Post-care',
  site: 'site',
  product: 'product',
  units: 'units',
  unit: 'unit',
  lot: 'lot',
  expiry: 'expiry',
  device: 'device',
  area: 'area',
  wavelengthNm: 'wavelength nm',
  fluence: 'fluence J/cm²',
  spotSizeMm: 'spot mm',
  pulseMs: 'pulse ms',
  passes: 'passes',
};

/** "injections.0.lot" → "Injections 1 · lot". */
function changeLabel(path: string): string {
  return path
    .replace(/^content\./, '')
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : (fieldLabels[part] ?? part)))
    .join(' · ');
}

function describe(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map(describe).join('\n') : '—';
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('site' in o) return `${String(o.site)}: ${String(o.product)} ${String(o.units)} ${String(o.unit)}, lot ${String(o.lot)} (exp ${String(o.expiry)})`;
    if ('device' in o)
      return [o.device, o.area, o.wavelengthNm && `${String(o.wavelengthNm)} nm`, o.fluence && `${String(o.fluence)} J/cm²`, o.spotSizeMm && `${String(o.spotSizeMm)} mm`, o.pulseMs && `${String(o.pulseMs)} ms`, o.passes != null && `${String(o.passes)} passes`]
        .filter(Boolean)
        .join(', ');
    return JSON.stringify(value);
  }
  return String(value);
}

/** The signed original and every amendment in order; each amendment with its reason and what changed. */
export function ChartHistory({ entries }: { entries: Chart[] }) {
  const { timeZone } = useClinic();
  return (
    <ol className="chart-history" data-testid="chart-history">
      {entries.map((c, n) => (
        <li key={c.id} className="panel" data-testid={n === 0 ? 'history-original' : `history-amendment-${n}`}>
          <div className="panel-head">
            <h3>{n === 0 ? 'Original note' : `Amendment ${n}`}</h3>
            <span className="muted small" data-testid="history-signed">
              Signed by {c.signedBy ?? c.authorName} at {formatInstant(c.signedAt, timeZone)}
            </span>
          </div>
          {c.amendmentReason && (
            <p data-testid="amend-reason-view">
              <strong>Reason:</strong> {c.amendmentReason}
            </p>
          )}
          {c.changes && (
            <table className="table table-grid changes" data-testid="amend-changes">
              <thead>
                <tr>
                  <th>Field</th>
                  <th>Before</th>
                  <th>After</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(c.changes).map(([path, { from, to }]) => (
                  <tr key={path} data-testid={`change-${path}`}>
                    <td>{changeLabel(path)}</td>
                    <td className="prewrap change-from">{describe(from)}</td>
                    <td className="prewrap change-to">{describe(to)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {n === 0 && (
            <details>
              <summary>The note as first signed</summary>
              <ChartView content={c.content} />
            </details>
          )}
        </li>
      ))}
    </ol>
  );
}
