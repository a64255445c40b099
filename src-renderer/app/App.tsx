import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { client } from '../lib/client';
import { useUi } from '../lib/store';
import { ErrorBox, Spinner } from '../lib/ui';
import { SignIn } from '../features/auth/SignIn';
import { LockScreen } from '../features/auth/LockScreen';
import { Shell } from './Shell';
import { useTablet } from '../features/satisfaction/tabletLock';

const FirstRun = lazy(() => import('../features/setup/FirstRun').then((m) => ({ default: m.FirstRun })));
const Recovery = lazy(() => import('../features/setup/Recovery').then((m) => ({ default: m.Recovery })));
const TabletView = lazy(() => import('../features/satisfaction/TabletView').then((m) => ({ default: m.TabletView })));
const NewWorkstation = lazy(() => import('../features/sync/NewWorkstation').then((m) => ({ default: m.NewWorkstation })));

/** Start: app.status decides between first run, a copied database's new workstation, recovery and sign-in; then the session decides. */
export function App() {
  const status = useUi((s) => s.status);
  const session = useUi((s) => s.session);
  const locked = useUi((s) => s.locked);
  const tablet = useTablet((s) => s.appointmentId);
  const [error, setError] = useState<unknown>();
  const [checked, setChecked] = useState(false);

  const start = useCallback(async () => {
    setError(undefined);
    try {
      const next = await client.call('app.status', {});
      useUi.getState().setStatus(next);
      if (next.state !== 'needsSetup') useUi.getState().setSession(await client.call('auth.session', {}));
      setChecked(true);
    } catch (e) {
      setError(e);
    }
  }, []);

  useEffect(() => {
    void start();
    return client.onError((e, method) => {
      // The sign-in and unlock forms show their own refusals; anywhere else these change the screen.
      if (method === 'auth.signIn' || method === 'auth.unlock') return;
      if (e.code === 'locked') useUi.getState().setLocked(true);
      if (e.code === 'unauthenticated') useUi.getState().setSession(null);
    });
  }, [start]);

  if (error !== undefined) {
    return (
      <main className="center-screen">
        <ErrorBox error={error} onRetry={start} />
      </main>
    );
  }
  if (!status || !checked) {
    return (
      <main className="center-screen">
        <Spinner label="Opening Lumen…" />
      </main>
    );
  }
  if (status.state !== 'ready') {
    return (
      <Suspense fallback={<Spinner />}>
        {status.state === 'needsSetup' ? <FirstRun onDone={start} /> : status.state === 'needsWorkstation' ? <NewWorkstation onDone={start} /> : <Recovery />}
      </Suspense>
    );
  }
  if (!session) return <SignIn />;
  // The check-out tablet holds the screen until a staff member unlocks it (before the idle lock: a patient never sees that).
  if (tablet !== null) {
    return (
      <Suspense fallback={<Spinner />}>
        <TabletView appointmentId={tablet} />
      </Suspense>
    );
  }
  if (locked) return <LockScreen />;
  return <Shell />;
}
