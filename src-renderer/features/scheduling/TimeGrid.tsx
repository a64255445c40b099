import { useRef, useState } from 'react';
import { useClinic } from '../../lib/store';
import { statusLabels, visitTypeLabels, visitTypeShort } from './labels';
import { pxPerMinute, rowLabel, visibleRange, type Card, type GridColumn } from './grid';
import { MINUTE_MS } from '../../../src-shared/time';
import { clockLabel, rangeLabel } from './time';

export interface MoveRequest {
  card: Card;
  from: GridColumn;
  to: GridColumn;
  /** New start of the appointment (move) or null (resize). */
  startsAt: string | null;
  /** Resize: new length of the segment at segmentIndex. */
  resize?: { segmentIndex: number; durationMinutes: number };
}

interface Drag {
  card: Card;
  col: number;
  mode: 'move' | 'resize';
  x: number;
  y: number;
  dMin: number;
  target: number;
  dx: number;
  moved: boolean;
}

/**
 * The calendar grid: a time axis and one column per provider, room or day. Cards are dragged to move
 * (pointer events, snapped to the grid), their bottom edge to resize; a click on free time books it.
 */
export function TimeGrid({
  mode,
  columns,
  slotMinutes,
  focus,
  selectedId,
  canWrite,
  onFocus,
  onOpen,
  onBook,
  onMove,
  headerExtra,
}: {
  mode: 'day' | 'week';
  columns: GridColumn[];
  slotMinutes: number;
  focus: { col: number; minute: number } | null;
  selectedId: number | null;
  canWrite: boolean;
  onFocus: (f: { col: number; minute: number }) => void;
  onOpen: (appointmentId: number) => void;
  onBook: (col: GridColumn, minute: number) => void;
  onMove: (m: MoveRequest) => void;
  headerExtra?: (col: GridColumn) => React.ReactNode;
}) {
  const { timeZone } = useClinic();
  const { lo, hi } = visibleRange(columns);
  const ppm = pxPerMinute(slotMinutes);
  const height = (hi - lo) * ppm;
  const colRefs = useRef<(HTMLDivElement | null)[]>([]);
  const [drag, setDrag] = useState<Drag | null>(null);
  const snap = (minutes: number) => Math.round(minutes / slotMinutes) * slotMinutes;
  const y = (col: GridColumn, t: number) => (col.toMin(t) - lo) * ppm;

  const rows: number[] = [];
  for (let m = lo; m < hi; m += slotMinutes) rows.push(m);
  const nowMs = Date.now();

  const finishDrag = (d: Drag) => {
    const from = columns[d.col];
    const to = columns[d.target];
    if (!d.moved) return onOpen(d.card.appt.id);
    if (d.mode === 'resize') {
      const segmentIndex = d.card.segmentIndexes.at(-1)!;
      const seg = d.card.appt.segments[segmentIndex];
      const durationMinutes = Math.max(slotMinutes, Math.round((Date.parse(seg.endsAt) - Date.parse(seg.startsAt)) / MINUTE_MS) + d.dMin);
      if (d.dMin !== 0) onMove({ card: d.card, from, to: from, startsAt: null, resize: { segmentIndex, durationMinutes } });
      return;
    }
    if (d.dMin === 0 && d.target === d.col) return;
    const newCardStart = to.toInstant(from.toMin(d.card.start) + d.dMin);
    const startsAt = new Date(Date.parse(d.card.appt.startsAt) + (newCardStart - d.card.start)).toISOString();
    onMove({ card: d.card, from, to, startsAt });
  };

  return (
    <div className="tgrid" data-testid="calendar-grid" data-mode={mode} style={{ ['--cols' as string]: columns.length }}>
      <div className="tgrid-head">
        <div className="tgrid-corner" />
        {columns.map((c, i) => (
          <div key={c.key} className={`tgrid-colhead ${focus?.col === i ? 'focused' : ''}`} data-testid="calendar-column" data-column={c.key}>
            <span className="tag-dot" style={{ background: c.color }} aria-hidden="true" />
            <span className="ellipsis">{c.label}</span>
            {headerExtra?.(c)}
          </div>
        ))}
      </div>
      <div className="tgrid-body" style={{ height }}>
        <div className="tgrid-axis">
          {rows.map((m) => (
            <div key={m} className={`tgrid-axis-row ${(m - lo) % 60 === 0 ? 'hour' : ''}`} style={{ top: (m - lo) * ppm, height: slotMinutes * ppm }}>
              {(m % 30 === 0 || slotMinutes === 15) && rowLabel(mode, columns[0], m, timeZone)}
            </div>
          ))}
        </div>
        {columns.map((col, ci) => (
          <div
            key={col.key}
            ref={(el) => {
              colRefs.current[ci] = el;
            }}
            className="tgrid-col"
            data-testid={`col-${col.key}`}
            data-column={col.key}
            onClick={(e) => {
              if ((e.target as HTMLElement).closest('.appt')) return;
              const rect = e.currentTarget.getBoundingClientRect();
              const minute = lo + Math.floor((e.clientY - rect.top) / ppm / slotMinutes) * slotMinutes;
              onFocus({ col: ci, minute });
              if (canWrite) onBook(col, minute);
            }}
          >
            {rows.map((m) => (
              <div key={m} className={`tgrid-line ${(m - lo) % 60 === 0 ? 'hour' : ''}`} style={{ top: (m - lo) * ppm }} />
            ))}
            {col.available.map((a, i) => (
              <div key={i} className="tgrid-open" style={{ top: y(col, a.start), height: (a.end - a.start) / MINUTE_MS * ppm }} />
            ))}
            {col.blocks.map((b) => (
              <div key={b.id} className={`tgrid-block block-${b.kind}`} style={{ top: Math.max(0, y(col, Date.parse(b.startsAt))), height: Math.max(ppm * 5, (Date.parse(b.endsAt) - Date.parse(b.startsAt)) / MINUTE_MS * ppm) }} data-testid="calendar-block" title={`${b.kind}: ${b.reason}`}>
                <span>{b.reason || b.kind}</span>
              </div>
            ))}
            {col.date && nowMs >= col.toInstant(lo) && nowMs < col.toInstant(hi) && <div className="tgrid-now" style={{ top: y(col, nowMs) }} aria-hidden="true" />}
            {focus?.col === ci && <div className="tgrid-focus" style={{ top: (focus.minute - lo) * ppm, height: slotMinutes * ppm }} data-testid="calendar-focus" aria-hidden="true" />}
            {col.cards.map((card) => {
              const dragging = drag && drag.card === card;
              const top = y(col, card.start) + (dragging && drag.mode === 'move' ? drag.dMin * ppm : 0);
              const h = Math.max(ppm * slotMinutes, (card.end - card.start) / MINUTE_MS * ppm + (dragging && drag.mode === 'resize' ? drag.dMin * ppm : 0));
              const a = card.appt;
              const services = card.segmentIndexes.map((i) => a.segments[i].serviceName).join(' + ');
              return (
                <div
                  key={a.id}
                  role="button"
                  tabIndex={0}
                  className={`appt status-${a.status} ${selectedId === a.id ? 'selected' : ''} ${dragging ? 'dragging' : ''}`}
                  style={{
                    top,
                    height: h,
                    left: `calc(${(card.lane / card.lanes) * 100}% + 2px)`,
                    width: `calc(${100 / card.lanes}% - 4px)`,
                    transform: dragging && drag.mode === 'move' ? `translateX(${drag.dx}px)` : undefined,
                    ['--cat' as string]: a.segments[card.segmentIndexes[0]].categoryColor,
                  }}
                  data-testid="appointment-card"
                  data-appointment-id={a.id}
                  data-status={a.status}
                  aria-label={`${a.patientName}, ${services}, ${rangeLabel(card.start, card.end, timeZone)}, ${statusLabels[a.status]}`}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      e.stopPropagation();
                      onOpen(a.id);
                    }
                  }}
                  onPointerDown={(e) => {
                    if (e.button !== 0) return;
                    const resize = (e.target as HTMLElement).classList.contains('appt-resize');
                    if (!canWrite && resize) return;
                    e.currentTarget.setPointerCapture(e.pointerId);
                    setDrag({ card, col: ci, mode: resize ? 'resize' : 'move', x: e.clientX, y: e.clientY, dMin: 0, target: ci, dx: 0, moved: false });
                  }}
                  onPointerMove={(e) => {
                    if (!drag || drag.card !== card) return;
                    const moved = drag.moved || Math.abs(e.clientX - drag.x) > 4 || Math.abs(e.clientY - drag.y) > 4;
                    if (!moved || !canWrite) return;
                    let target = drag.target;
                    if (drag.mode === 'move') {
                      colRefs.current.forEach((el, i) => {
                        const r = el?.getBoundingClientRect();
                        if (r && e.clientX >= r.left && e.clientX < r.right) target = i;
                      });
                    }
                    const origin = colRefs.current[ci]?.getBoundingClientRect();
                    const dest = colRefs.current[target]?.getBoundingClientRect();
                    setDrag({ ...drag, moved, target, dMin: snap((e.clientY - drag.y) / ppm), dx: origin && dest ? dest.left - origin.left : 0 });
                  }}
                  onPointerUp={() => {
                    if (!drag || drag.card !== card) return;
                    setDrag(null);
                    finishDrag(drag);
                  }}
                  onPointerCancel={() => setDrag(null)}
                >
                  <div className="appt-top">
                    <span className="appt-time">{clockLabel(card.start, timeZone)}</span>
                    <strong className="appt-name ellipsis">{a.patientName}</strong>
                    {a.allergyAlert && (
                      <span className="appt-allergy" title="Allergy alert" aria-label="Allergy alert" data-testid="card-allergy">
                        ⚠
                      </span>
                    )}
                    {a.overrideReason && (
                      <span className="appt-override" title={`Booked over a conflict: ${a.overrideReason}`} aria-label="Booked over a conflict" data-testid="card-override">
                        ⚑
                      </span>
                    )}
                  </div>
                  <div className="appt-services ellipsis">{services}</div>
                  <div className="appt-meta">
                    <span className="appt-status">{statusLabels[a.status]}</span>
                    <span className={`visit visit-${a.visitType}`} title={visitTypeLabels[a.visitType]}>
                      {visitTypeShort[a.visitType]}
                    </span>
                    {a.seriesId && <span className="muted">{a.seriesIndex! + 1}/{a.seriesCount}</span>}
                  </div>
                  {canWrite && <div className="appt-resize" aria-hidden="true" data-testid="appointment-resize" />}
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
