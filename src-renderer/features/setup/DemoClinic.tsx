import { useState } from 'react';
import type { AppStatus } from '../../../src-shared/contract/app';
import type { OutputOf } from '../../../src-shared/contract/index';
import { roleLabels, type Role } from '../../../src-shared/permissions';
import { client, errorMessage } from '../../lib/client';
import { useInterval } from '../../lib/hooks';
import { ErrorBox, ProgressBar } from '../../lib/ui';

const DEMO_PASSWORD = 'lumen-demo-2026';

const demoOrder: Record<Role, number> = { owner: 0, manager: 1, frontDesk: 2, practitioner: 3 };

/** Fills the data folder with the demo clinic, showing its progress, then lists the accounts to sign in with. */
export function DemoClinic({ onBack, onDone }: { onBack: () => void; onDone: () => void }) {
  const [phase, setPhase] = useState<'confirm' | 'running' | 'done'>('confirm');
  const [progress, setProgress] = useState<AppStatus['demo'] | null>(null);
  const [error, setError] = useState<unknown>();
  const [users, setUsers] = useState<OutputOf<'auth.users'>>([]);

  const finish = async () => {
    setPhase('done');
    try {
      // Owner, manager and front desk first: the accounts people try first.
      setUsers((await client.call('auth.users', {})).sort((x, y) => demoOrder[x.role] - demoOrder[y.role]));
    } catch (err) {
      setError(err);
    }
  };

  const poll = async () => {
    try {
      const status = await client.call('app.status', {});
      setProgress(status.demo);
      if (status.demo.error) {
        setError(new Error(status.demo.error));
        setPhase('confirm');
      } else if (status.state === 'ready' && !status.demo.running) {
        await finish();
      }
    } catch (err) {
      setError(err);
    }
  };
  useInterval(poll, 500, phase === 'running');

  const start = () => {
    setError(undefined);
    setPhase('running');
    client.call('setup.createDemo', {}).catch((err: unknown) => {
      setError(err);
      setPhase('confirm');
    });
  };

  if (phase === 'confirm') {
    return (
      <div className="form">
        <h2>The demo clinic</h2>
        <p>Lumen fills this data folder with a made-up clinic: staff, services, and 50,000 patients. It takes a minute.</p>
        {error !== undefined && <ErrorBox error={error} />}
        <div className="actions">
          <button type="button" className="btn" onClick={onBack}>
            Back
          </button>
          <button type="button" className="btn btn-primary" onClick={start} autoFocus data-testid="demo-start">
            Create the demo clinic
          </button>
        </div>
      </div>
    );
  }
  if (phase === 'running') {
    return (
      <div className="form" aria-busy="true">
        <h2>Creating the demo clinic…</h2>
        <ProgressBar value={progress?.done ?? 0} max={progress?.total ?? 1} label="Demo data" testId="demo-progress" />
        <p className="muted">
          {progress ? `${progress.done.toLocaleString()} of ${progress.total.toLocaleString()}` : 'Starting…'}
        </p>
        {error !== undefined && <p className="field-error">{errorMessage(error)}</p>}
      </div>
    );
  }
  return (
    <div className="form" data-testid="demo-done">
      <h2>The demo clinic is ready</h2>
      <p>
        Sign in as any of these people. Every demo password is <code data-testid="demo-password">{DEMO_PASSWORD}</code>
      </p>
      <table className="table">
        <thead>
          <tr>
            <th>Username</th>
            <th>Name</th>
            <th>Role</th>
          </tr>
        </thead>
        <tbody>
          {(users.length ? users : [{ username: 'owner', displayName: '', role: 'owner' as const }, { username: 'manager', displayName: '', role: 'manager' as const }, { username: 'frontdesk', displayName: '', role: 'frontDesk' as const }]).map((u) => (
            <tr key={u.username}>
              <td>
                <code>{u.username}</code>
              </td>
              <td>{u.displayName}</td>
              <td>{roleLabels[u.role]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {error !== undefined && <ErrorBox error={error} />}
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={onDone} autoFocus data-testid="demo-continue">
          Continue to sign in
        </button>
      </div>
    </div>
  );
}
