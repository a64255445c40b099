import { useState } from 'react';
import { auditActions } from '../../../src-shared/contract/audit';
import { addCalendarDays, startOfLocalDay } from '../../../src-shared/time';
import { client, errorMessage } from '../../lib/client';
import { downloadText } from '../../lib/download';
import { useCall } from '../../lib/hooks';
import { useCan, useClinic } from '../../lib/store';
import { Badge } from '../../lib/ui';
import { AuditTable, type AuditFilterValue } from './AuditTable';

interface FilterForm {
  from: string;
  to: string;
  staffId: string;
  action: string;
  entity: string;
  entityId: string;
}
const blank: FilterForm = { from: '', to: '', staffId: '', action: '', entity: '', entityId: '' };

/** Dates are clinic-local days: "to" includes the whole day. */
function toFilter(f: FilterForm, timeZone: string): AuditFilterValue {
  return {
    from: f.from ? startOfLocalDay(f.from, timeZone).toISOString() : undefined,
    to: f.to ? startOfLocalDay(addCalendarDays(f.to, 1), timeZone).toISOString() : undefined,
    staffId: f.staffId ? Number(f.staffId) : undefined,
    action: (f.action || undefined) as AuditFilterValue['action'],
    entity: f.entity.trim() || undefined,
    entityId: f.entityId.trim() || undefined,
  };
}

export function AuditLog() {
  const can = useCan();
  const { timeZone } = useClinic();
  const [form, setForm] = useState<FilterForm>(blank);
  const [applied, setApplied] = useState<FilterForm>(blank);
  const staff = useCall('staff.list', can('staff.read') ? { includeInactive: true } : null);
  const [verify, setVerify] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState<'export' | 'verify' | null>(null);
  const [error, setError] = useState<string>();

  const set = (k: keyof FilterForm) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm({ ...form, [k]: e.target.value });
  const filter = toFilter(applied, timeZone);

  const exportCsv = async () => {
    setBusy('export');
    setError(undefined);
    try {
      const file = await client.call('audit.export', { ...filter, format: 'csv' });
      downloadText(file.filename, file.content, file.mimeType);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const verifyChain = async () => {
    setBusy('verify');
    setError(undefined);
    try {
      const r = await client.call('audit.verify', {});
      setVerify({ ok: r.ok, message: `${r.message} (${r.checked.toLocaleString()} entries checked${r.firstBadId ? `, first bad entry #${r.firstBadId}` : ''})` });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="page">
      <div className="page-head">
        <h1>Audit log</h1>
        <div className="actions">
          {can('audit.export') && (
            <button type="button" className="btn" onClick={exportCsv} disabled={busy !== null} data-testid="audit-export">
              {busy === 'export' ? 'Exporting…' : 'Export CSV'}
            </button>
          )}
          <button type="button" className="btn" onClick={verifyChain} disabled={busy !== null} data-testid="audit-verify">
            {busy === 'verify' ? 'Verifying…' : 'Verify chain'}
          </button>
        </div>
      </div>
      {verify && (
        <div className={`banner ${verify.ok ? 'banner-ok' : 'banner-alert'}`} role="status" data-testid="audit-verify-result">
          <Badge kind={verify.ok ? 'ok' : 'alert'}>{verify.ok ? 'Chain intact' : 'Chain broken'}</Badge> {verify.message}
        </div>
      )}
      {error && <div className="banner banner-alert">{error}</div>}
      <form
        className="toolbar filters"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(form);
        }}
        data-testid="audit-filters"
      >
        <label className="inline">
          From
          <input type="date" value={form.from} onChange={set('from')} data-testid="audit-from" />
        </label>
        <label className="inline">
          To
          <input type="date" value={form.to} onChange={set('to')} data-testid="audit-to" />
        </label>
        {staff.data && (
          <label className="inline">
            Staff
            <select value={form.staffId} onChange={set('staffId')} data-testid="audit-staff">
              <option value="">Anyone</option>
              {staff.data.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.displayName}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="inline">
          Action
          <select value={form.action} onChange={set('action')} data-testid="audit-action">
            <option value="">Any</option>
            {auditActions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          Entity
          <input value={form.entity} onChange={set('entity')} placeholder="patient" size={10} data-testid="audit-entity" />
        </label>
        <label className="inline">
          Id
          <input value={form.entityId} onChange={set('entityId')} size={6} data-testid="audit-entity-id" />
        </label>
        <button type="submit" className="btn btn-primary btn-small" data-testid="audit-apply">
          Apply
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            setForm(blank);
            setApplied(blank);
          }}
        >
          Clear
        </button>
      </form>
      <AuditTable filter={filter} />
    </section>
  );
}
