import { useEffect, useRef, useState } from 'react';
import type { Photo } from '../../../src-shared/contract/charts';
import { client, errorMessage } from '../../lib/client';
import { formatBytes, formatInstant } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useClinic, useUi } from '../../lib/store';
import { Dialog, Empty, ErrorBox, Field, FormError, Spinner } from '../../lib/ui';

export const photoLabels: Record<Photo['label'], string> = { before: 'Before', after: 'After', progress: 'Progress' };
const MAX_BYTES = 10 * 1024 * 1024;
const accepted = ['image/jpeg', 'image/png', 'image/webp'] as const;
type Accepted = (typeof accepted)[number];

/** One photo's data URL, fetched (and audited) only once `active` turns true. */
export function usePhotoUrl(id: number | null, active: boolean): { url?: string; error?: unknown } {
  const [state, setState] = useState<{ id: number; url?: string; error?: unknown } | null>(null);
  useEffect(() => {
    if (id === null || !active) return;
    let live = true;
    client.call('photos.get', { id }).then(
      (p) => live && setState({ id, url: p.dataUrl }),
      (error: unknown) => live && setState({ id, error }),
    );
    return () => {
      live = false;
    };
  }, [id, active]);
  return state && state.id === id ? state : {};
}

/** True once the element has scrolled near the viewport; thumbnails load then, not before. */
function useSeen<T extends Element>(): [React.RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || seen) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setSeen(true);
    }, { rootMargin: '200px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [seen]);
  return [ref, seen];
}

export function PhotoThumb({ photo, onOpen }: { photo: Photo; onOpen: () => void }) {
  const [ref, seen] = useSeen<HTMLButtonElement>();
  const { url, error } = usePhotoUrl(photo.id, seen);
  const title = `${photoLabels[photo.label]}${photo.area ? ` · ${photo.area}` : ''}`;
  return (
    <figure className="photo-thumb" data-testid={`photo-${photo.id}`}>
      <button type="button" ref={ref} className="photo-frame" onClick={onOpen} aria-label={`Open photo: ${title}`} data-testid={`photo-open-${photo.id}`}>
        {url ? <img src={url} alt={title} /> : error ? <span className="muted small">Could not load</span> : <span className="spinner" aria-hidden="true" />}
      </button>
      <figcaption>
        <strong>{photoLabels[photo.label]}</strong> {photo.area && <span className="muted">{photo.area}</span>}
      </figcaption>
    </figure>
  );
}

export function PhotoViewer({ photo, onClose }: { photo: Photo; onClose: () => void }) {
  const { url, error } = usePhotoUrl(photo.id, true);
  const { timeZone } = useClinic();
  return (
    <Dialog title={`${photoLabels[photo.label]}${photo.area ? ` · ${photo.area}` : ''}`} onClose={onClose} wide testId="photo-viewer">
      {error !== undefined ? <ErrorBox error={error} /> : url ? <img className="photo-full" src={url} alt={photoLabels[photo.label]} /> : <Spinner label="Loading photo…" />}
      <p className="muted small">
        Taken {formatInstant(photo.takenAt, timeZone)} · {formatBytes(photo.sizeBytes)}
      </p>
    </Dialog>
  );
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error(`Could not read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

/** Before/after photos of one visit: upload (JPEG, PNG, WebP up to 10 MB) and thumbnails. */
export function VisitPhotos({ appointmentId, patientId, canWrite }: { appointmentId: number; patientId: number; canWrite: boolean }) {
  const state = useCall('photos.list', { patientId });
  const [label, setLabel] = useState<Photo['label']>('before');
  const [area, setArea] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [open, setOpen] = useState<Photo | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const photos = (state.data ?? []).filter((p) => p.appointmentId === appointmentId);

  const upload = async (files: FileList | null) => {
    if (!files?.length) return;
    setError(undefined);
    const list = [...files];
    const wrong = list.find((f) => !accepted.includes(f.type as Accepted));
    if (wrong) return setError(`${wrong.name} is not a JPEG, PNG or WebP image.`);
    const big = list.find((f) => f.size > MAX_BYTES);
    if (big) return setError(`${big.name} is ${formatBytes(big.size)}; the limit is 10 MB.`);
    setBusy(true);
    try {
      for (const file of list) {
        await client.call('photos.add', { appointmentId, label, area: area.trim(), mimeType: file.type as Accepted, dataBase64: await readBase64(file) });
      }
      useUi.getState().notify(list.length === 1 ? 'Photo added' : `${list.length} photos added`);
      state.reload();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
      if (fileRef.current) fileRef.current.value = '';
    }
  };

  return (
    <section className="panel" data-testid="visit-photos" aria-labelledby="visit-photos-title">
      <div className="panel-head">
        <h2 id="visit-photos-title">Photos</h2>
      </div>
      {canWrite && (
        <div className="row row-tight photo-upload">
          <Field label="Kind">
            <select value={label} onChange={(e) => setLabel(e.target.value as Photo['label'])} data-testid="photo-label">
              {Object.entries(photoLabels).map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Area">
            <input value={area} onChange={(e) => setArea(e.target.value)} maxLength={60} placeholder="e.g. forehead" data-testid="photo-area" />
          </Field>
          <Field label="Image" hint="JPEG, PNG or WebP, up to 10 MB each">
            <input ref={fileRef} type="file" accept={accepted.join(',')} multiple disabled={busy} onChange={(e) => void upload(e.target.files)} data-testid="photo-file" />
          </Field>
          {busy && <Spinner label="Uploading…" />}
        </div>
      )}
      <FormError message={error} />
      {state.error !== undefined && <ErrorBox error={state.error} onRetry={state.reload} />}
      {state.loading && !state.data && <Spinner label="Loading photos…" />}
      {state.data && !photos.length && <Empty>No photos for this visit yet.</Empty>}
      {photos.length > 0 && (
        <div className="photo-grid" data-testid="photo-grid">
          {photos.map((p) => (
            <PhotoThumb key={p.id} photo={p} onOpen={() => setOpen(p)} />
          ))}
        </div>
      )}
      {open && <PhotoViewer photo={open} onClose={() => setOpen(null)} />}
    </section>
  );
}
