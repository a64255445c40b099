import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { charts, type Photo } from '../../../src-shared/contract/charts';
import { client } from '../../lib/client';
import { readBase64 } from '../../lib/files';
import { formatBytes, formatInstant } from '../../lib/format';
import { contractResolver, showServerError } from '../../lib/forms';
import { useCall } from '../../lib/hooks';
import { useClinic, useUi } from '../../lib/store';
import { Dialog, Empty, ErrorBox, Field, FormError, Spinner } from '../../lib/ui';

export const photoLabels: Record<Photo['label'], string> = { before: 'Before', after: 'After', progress: 'Progress' };

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

const MAX_BYTES = 10 * 1024 * 1024;
const accepted = ['image/jpeg', 'image/png', 'image/webp'] as const;
type Accepted = (typeof accepted)[number];

/** The kind and area typed here go with every file picked; the image itself is checked before it is read. */
const PhotoFields = charts['photos.add'].input.pick({ label: true, area: true });
type PhotoValues = { label: Photo['label']; area: string };

function refusedFile(files: File[]): string | undefined {
  const wrong = files.find((f) => !accepted.includes(f.type as Accepted));
  if (wrong) return `${wrong.name} is not a JPEG, PNG or WebP image.`;
  const big = files.find((f) => f.size > MAX_BYTES);
  if (big) return `${big.name} is ${formatBytes(big.size)}; the limit is 10 MB.`;
  return undefined;
}

/** Kind, area and the image files (JPEG, PNG, WebP up to 10 MB each); picking files uploads them. */
function PhotoUpload({ appointmentId, onAdded }: { appointmentId: number; onAdded: () => void }) {
  const fileRef = useRef<HTMLInputElement>(null);
  const { register, handleSubmit, setError, formState } = useForm<PhotoValues, unknown, z.output<typeof PhotoFields>>({
    resolver: contractResolver(PhotoFields),
    defaultValues: { label: 'before', area: '' },
  });
  const busy = formState.isSubmitting;

  const upload = (files: FileList | null) => {
    if (!files?.length) return;
    const list = [...files];
    return handleSubmit(async ({ label, area }) => {
      const refused = refusedFile(list);
      if (refused) return setError('root.server', { type: 'file', message: refused });
      try {
        for (const file of list) {
          await client.call('photos.add', { appointmentId, label, area, mimeType: file.type as Accepted, dataBase64: await readBase64(file) });
        }
        useUi.getState().notify(list.length === 1 ? 'Photo added' : `${list.length} photos added`);
        onAdded();
      } catch (err) {
        showServerError(err, setError, { known: ['label', 'area'] });
      } finally {
        if (fileRef.current) fileRef.current.value = '';
      }
    })();
  };

  return (
    <>
      <div className="row row-tight photo-upload">
        <Field label="Kind" error={formState.errors.label?.message}>
          <select {...register('label')} data-testid="photo-label">
            {Object.entries(photoLabels).map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Area" error={formState.errors.area?.message}>
          <input {...register('area')} maxLength={60} placeholder="e.g. forehead" data-testid="photo-area" />
        </Field>
        <Field label="Image" hint="JPEG, PNG or WebP, up to 10 MB each">
          <input ref={fileRef} type="file" accept={accepted.join(',')} multiple disabled={busy} onChange={(e) => void upload(e.target.files)} data-testid="photo-file" />
        </Field>
        {busy && <Spinner label="Uploading…" />}
      </div>
      <FormError message={formState.errors.root?.server?.message} />
    </>
  );
}

/** Before/after photos of one visit: upload (JPEG, PNG, WebP up to 10 MB) and thumbnails. */
export function VisitPhotos({ appointmentId, patientId, canWrite }: { appointmentId: number; patientId: number; canWrite: boolean }) {
  const state = useCall('photos.list', { patientId });
  const [open, setOpen] = useState<Photo | null>(null);
  const photos = (state.data ?? []).filter((p) => p.appointmentId === appointmentId);

  return (
    <section className="panel" data-testid="visit-photos" aria-labelledby="visit-photos-title">
      <div className="panel-head">
        <h2 id="visit-photos-title">Photos</h2>
      </div>
      {canWrite && <PhotoUpload appointmentId={appointmentId} onAdded={state.reload} />}
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
