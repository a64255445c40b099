import { homeRoute, navigate, useClinic, useUi } from '../../lib/store';
import { SignInForm } from './SignInForm';

export function SignIn() {
  const { name } = useClinic();
  const isDemo = useUi((s) => s.status?.isDemo);
  return (
    <main className="center-screen">
      <div className="card card-narrow" data-testid="signin-screen">
        <h1 className="brand">{name}</h1>
        <p className="muted">Sign in to continue{isDemo ? ' — demo clinic, password lumen-demo-2026' : ''}</p>
        <SignInForm
          onSignedIn={(session) => {
            useUi.getState().setSession(session);
            navigate(homeRoute(session.permissions));
          }}
        />
      </div>
    </main>
  );
}
