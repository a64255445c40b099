import { useCan, useClinic, useUi } from '../../lib/store';
import { SignInForm } from '../auth/SignInForm';
import { BackupPanel } from '../settings/BackupPanel';

/** The clinic database failed its integrity check: explain, and let the owner restore a backup. */
export function Recovery() {
  const message = useUi((s) => s.status?.recoveryMessage);
  const session = useUi((s) => s.session);
  const can = useCan();
  const { name } = useClinic();
  return (
    <main className="center-screen">
      <div className="card card-wide" data-testid="recovery-screen">
        <h1 className="brand">{name} — recovery</h1>
        <div className="banner banner-alert" role="alert" data-testid="recovery-message">
          <strong>Lumen could not open the clinic data safely.</strong> {message ?? 'The database did not pass its integrity check.'}
        </div>
        {!session && (
          <>
            <p>Sign in as the owner to restore the latest good backup.</p>
            <SignInForm onSignedIn={(s) => useUi.getState().setSession(s)} />
          </>
        )}
        {session && (can('backup.run') || can('backup.restore')) && <BackupPanel />}
        {session && !can('backup.restore') && <p className="muted">Only the clinic owner can restore a backup. Please ask them to sign in here.</p>}
      </div>
    </main>
  );
}
