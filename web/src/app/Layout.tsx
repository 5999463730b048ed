import { Suspense, useEffect, useId, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { api, describeError } from '../lib/api.ts';
import { useMe, useSignOut } from './auth.ts';
import { Loading } from '../components/index.ts';
import { appRoutes } from './routes.tsx';

function SkipLink() {
  return (
    <a className="skip-link" href="#main">
      Skip to main content
    </a>
  );
}

function VerifyEmailBanner({ email }: { email: string }) {
  const resend = useMutation({ mutationFn: () => api.post<{ message: string }>('/api/me/verification-email') });
  return (
    <div className="banner banner-info" role="region" aria-label="Email verification">
      <p>
        Confirm your email address: we sent a link to <strong>{email}</strong>.{' '}
        {resend.isSuccess ? (
          <span role="status">{resend.data.message}</span>
        ) : (
          <button type="button" className="btn-link" onClick={() => !resend.isPending && resend.mutate()} aria-disabled={resend.isPending || undefined}>
            {resend.isPending ? 'Sending…' : 'Send it again'}
          </button>
        )}
      </p>
      {resend.isError ? <p role="alert">{describeError(resend.error)}</p> : null}
    </div>
  );
}

/** The signed-in frame: skip link, header, a nav that folds behind a menu button on phones, main. */
export function AppLayout() {
  const me = useMe();
  const signOut = useSignOut();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const navId = useId().replace(/[^a-zA-Z0-9_-]/g, '') || 'site-nav';

  // A chosen link closes the menu on phones.
  useEffect(() => setMenuOpen(false), [location.pathname]);
  // Escape closes an open menu wherever focus is, and hands focus back to its button.
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setMenuOpen(false);
      menuButton.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  return (
    <div className="app">
      <SkipLink />
      <header className="topbar">
        <div className="topbar-inner">
          <Link to="/" className="brand">
            Medfolio
          </Link>
          <div className="topbar-user">
            {me.data ? <span className="topbar-name">{me.data.name}</span> : null}
            <button type="button" className="btn btn-secondary btn-small" onClick={() => !signOut.isPending && signOut.mutate()} aria-disabled={signOut.isPending || undefined}>
              {signOut.isPending ? 'Signing out…' : 'Sign out'}
            </button>
          </div>
          <button ref={menuButton} type="button" className="menu-button" aria-expanded={menuOpen} aria-controls={navId} onClick={() => setMenuOpen((open) => !open)}>
            <span className="menu-icon" aria-hidden="true" />
            Menu
          </button>
        </div>
      </header>
      <div className="app-body">
        <nav id={navId} className="sidenav" aria-label="Main" data-open={menuOpen}>
          <ul>
            {appRoutes
              .filter((r) => r.inNav !== false)
              .map((r) => (
                <li key={r.path}>
                  <NavLink to={r.path} end={r.end ?? false}>
                    {r.label}
                  </NavLink>
                </li>
              ))}
          </ul>
        </nav>
        <main id="main" className="main" tabIndex={-1}>
          {me.data && !me.data.emailVerified ? <VerifyEmailBanner email={me.data.email} /> : null}
          <Suspense fallback={<Loading label="Loading the page…" />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}

/** The frame of the public pages (sign in, sign up, email links): no nav, one narrow column. */
export function PublicLayout() {
  return (
    <div className="app app-public">
      <SkipLink />
      <header className="topbar">
        <div className="topbar-inner">
          <Link to="/sign-in" className="brand">
            Medfolio
          </Link>
        </div>
      </header>
      <main id="main" className="main main-narrow" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
