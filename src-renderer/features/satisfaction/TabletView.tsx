import { useEffect, useState } from 'react';
import { client, errorMessage } from '../../lib/client';
import { useCall } from '../../lib/hooks';
import { useUi } from '../../lib/store';
import { endTablet } from './tabletLock';
import './satisfaction.css';

const SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** Keys a patient could use to leave the screen: browser and app shortcuts, function keys, Escape. Typing stays possible. */
function holdKeys(event: KeyboardEvent): void {
  const shortcut = event.ctrlKey || event.metaKey || event.altKey || /^F\d+$/.test(event.key) || event.key === 'Escape' || event.key === 'BrowserBack';
  if (!shortcut) return;
  event.preventDefault();
  event.stopImmediatePropagation();
}

/** The lock: the URL stays on the tablet (Back and typed addresses come back), and shortcuts are held. */
function useHoldScreen(appointmentId: number): void {
  useEffect(() => {
    const here = `#/tablet/${appointmentId}`;
    const stay = () => {
      if (window.location.hash !== here) window.location.hash = here;
      history.pushState(null, '', here);
    };
    stay();
    window.addEventListener('popstate', stay);
    window.addEventListener('hashchange', stay);
    window.addEventListener('keydown', holdKeys, true);
    return () => {
      window.removeEventListener('popstate', stay);
      window.removeEventListener('hashchange', stay);
      window.removeEventListener('keydown', holdKeys, true);
    };
  }, [appointmentId]);
}

function Unlock({ onCancel }: { onCancel: () => void }) {
  const session = useUi((s) => s.session);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const unlock = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      useUi.getState().setSession(await client.call('auth.unlock', { password }));
      endTablet();
    } catch (e) {
      setError(errorMessage(e));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="tablet-unlock" onSubmit={unlock} data-testid="tablet-unlock">
      <h2>Staff: unlock</h2>
      <label>
        Password of {session?.displayName}
        <input type="password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" data-testid="tablet-password" />
      </label>
      {error && (
        <p className="form-error" role="alert" data-testid="tablet-unlock-error">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="btn" onClick={onCancel}>
          Back
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy || !password} data-testid="tablet-unlock-submit">
          Unlock
        </button>
      </div>
    </form>
  );
}

/**
 * The check-out tablet: a patient-facing full screen for one visit — big 0–10 buttons, an optional comment, a thank-you.
 * It stays until a staff member unlocks it with the signed-in person's password.
 */
export function TabletView({ appointmentId }: { appointmentId: number }) {
  useHoldScreen(appointmentId);
  const visit = useCall('satisfaction.visit', { appointmentId });
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [done, setDone] = useState(false);
  const [unlocking, setUnlocking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async () => {
    if (score === null) return;
    setError(null);
    try {
      await client.call('satisfaction.record', { appointmentId, score, comment, source: 'tablet' });
      setDone(true);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const answered = done || !!visit.data?.answered;
  return (
    <main className="tablet" data-testid="tablet">
      <button type="button" className="tablet-staff" onClick={() => setUnlocking(true)} data-testid="tablet-staff">
        Staff
      </button>
      {unlocking ? (
        <Unlock onCancel={() => setUnlocking(false)} />
      ) : answered ? (
        <section className="tablet-thanks" data-testid="tablet-thanks">
          <h1>Thank you{visit.data ? `, ${visit.data.patientFirstName}` : ''}!</h1>
          <p>Your answer helps us take better care of you. Please hand the tablet back to the desk.</p>
        </section>
      ) : (
        <section className="tablet-ask">
          <h1>{visit.data ? `${visit.data.patientFirstName}, how was your visit${visit.data.provider ? ` with ${visit.data.provider}` : ''}?` : 'How was your visit?'}</h1>
          <p className="tablet-scale">
            <span>0 = not at all happy</span>
            <span>10 = delighted</span>
          </p>
          <div className="tablet-scores" role="radiogroup" aria-label="Your score from 0 to 10">
            {SCORES.map((n) => (
              <button key={n} type="button" role="radio" aria-checked={score === n} className={`tablet-score ${score === n ? 'chosen' : ''}`} onClick={() => setScore(n)} data-testid={`tablet-score-${n}`}>
                {n}
              </button>
            ))}
          </div>
          <label className="tablet-comment">
            Anything you would like to tell us? (optional)
            <textarea value={comment} maxLength={2000} rows={3} onChange={(e) => setComment(e.target.value)} data-testid="tablet-comment" />
          </label>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="button" className="btn btn-primary tablet-send" disabled={score === null} onClick={() => void send()} data-testid="tablet-send">
            Send
          </button>
        </section>
      )}
    </main>
  );
}
