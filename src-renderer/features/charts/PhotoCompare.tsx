import { useRef, useState } from 'react';
import type { Photo } from '../../../src-shared/contract/charts';
import { formatDate } from '../../lib/format';
import { Field, Spinner } from '../../lib/ui';
import { photoLabels, usePhotoUrl } from './Photos';

const describe = (p: Photo) => `${formatDate(p.appointmentDate.slice(0, 10))} · ${photoLabels[p.label]}${p.area ? ` · ${p.area}` : ''}`;

/** A sensible first pair: the earliest "before" against the latest "after" (else the first and the last). */
function defaultPair(photos: Photo[]): [number, number] {
  const before = photos.find((p) => p.label === 'before') ?? photos[0];
  const after = [...photos].reverse().find((p) => p.label === 'after' && p.id !== before.id) ?? photos.filter((p) => p.id !== before.id).at(-1) ?? before;
  return [before.id, after.id];
}

function PhotoImage({ photo, className }: { photo: Photo; className?: string }) {
  const { url, error } = usePhotoUrl(photo.id, true);
  if (error !== undefined) return <span className="muted small">Could not load this photo</span>;
  if (!url) return <Spinner label="Loading photo…" />;
  return <img className={className} src={url} alt={describe(photo)} draggable={false} />;
}

/** Two photos (oldest first in `photos`) side by side, or one clipped over the other with a draggable divider. */
export function PhotoCompare({ photos }: { photos: Photo[] }) {
  const [[leftId, rightId], setPair] = useState(() => defaultPair(photos));
  const [mode, setMode] = useState<'side' | 'slider'>('side');
  const left = photos.find((p) => p.id === leftId) ?? photos[0];
  const right = photos.find((p) => p.id === rightId) ?? photos.at(-1)!;

  const picker = (label: string, value: number, testId: string, set: (id: number) => void) => (
    <Field label={label}>
      <select value={value} onChange={(e) => set(Number(e.target.value))} data-testid={testId}>
        {photos.map((p) => (
          <option key={p.id} value={p.id}>
            {describe(p)}
          </option>
        ))}
      </select>
    </Field>
  );

  return (
    <section className="panel" data-testid="photo-compare" aria-labelledby="compare-title">
      <div className="panel-head">
        <h2 id="compare-title">Compare photos</h2>
        <div className="segmented" role="group" aria-label="Comparison view">
          <button type="button" className={`btn btn-small ${mode === 'side' ? 'btn-primary' : ''}`} aria-pressed={mode === 'side'} onClick={() => setMode('side')} data-testid="compare-mode-side">
            Side by side
          </button>
          <button type="button" className={`btn btn-small ${mode === 'slider' ? 'btn-primary' : ''}`} aria-pressed={mode === 'slider'} onClick={() => setMode('slider')} data-testid="compare-mode-slider">
            Slider
          </button>
        </div>
      </div>
      <div className="row">
        {picker('Left (first)', left.id, 'compare-left', (id) => setPair([id, right.id]))}
        {picker('Right (second)', right.id, 'compare-right', (id) => setPair([left.id, id]))}
      </div>
      {mode === 'side' ? (
        <div className="compare-side" data-testid="compare-side">
          {[left, right].map((p, i) => (
            <figure key={i} className="compare-figure">
              <div className="compare-box">
                <PhotoImage photo={p} />
              </div>
              <figcaption>{describe(p)}</figcaption>
            </figure>
          ))}
        </div>
      ) : (
        <Slider left={left} right={right} />
      )}
    </section>
  );
}

function Slider({ left, right }: { left: Photo; right: Photo }) {
  const [pos, setPos] = useState(50);
  const boxRef = useRef<HTMLDivElement>(null);
  const moveTo = (clientX: number) => {
    const box = boxRef.current?.getBoundingClientRect();
    if (!box || !box.width) return;
    setPos(Math.round(Math.min(100, Math.max(0, ((clientX - box.left) / box.width) * 100))));
  };
  return (
    <figure className="compare-figure">
      <div
        ref={boxRef}
        className="compare-box compare-slider"
        data-testid="compare-slider"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          moveTo(e.clientX);
        }}
        onPointerMove={(e) => {
          if (e.currentTarget.hasPointerCapture(e.pointerId)) moveTo(e.clientX);
        }}
      >
        <PhotoImage photo={right} />
        {/* The first photo lies on top, showing only left of the divider. */}
        <div className="compare-top" style={{ clipPath: `inset(0 ${100 - pos}% 0 0)` }}>
          <PhotoImage photo={left} />
        </div>
        <div
          className="compare-handle"
          role="slider"
          tabIndex={0}
          aria-label="Divider between the two photos"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pos}
          aria-valuetext={`${pos}% of the first photo shown`}
          style={{ left: `${pos}%` }}
          data-testid="compare-handle"
          onKeyDown={(e) => {
            const step = e.shiftKey ? 10 : 2;
            const next = { ArrowLeft: pos - step, ArrowDown: pos - step, ArrowRight: pos + step, ArrowUp: pos + step, Home: 0, End: 100, PageDown: pos - 10, PageUp: pos + 10 }[e.key];
            if (next === undefined) return;
            e.preventDefault();
            setPos(Math.min(100, Math.max(0, next)));
          }}
        />
      </div>
      <figcaption className="compare-captions">
        <span>◀ {describe(left)}</span>
        <span>{describe(right)} ▶</span>
      </figcaption>
    </figure>
  );
}
