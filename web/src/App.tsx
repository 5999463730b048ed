import { useQuery } from '@tanstack/react-query';
import { Link, Route, Routes } from 'react-router';
import { fetchReadiness } from './api.ts';

function SystemStatus() {
  const { data, isPending, error } = useQuery({ queryKey: ['ready'], queryFn: fetchReadiness });
  if (isPending) return <p aria-busy="true">Checking the service…</p>;
  if (error) return <p role="alert">The service cannot be reached: {error.message}</p>;
  return (
    <section aria-labelledby="status-heading" className="card">
      <h2 id="status-heading">Service status: {data.status}</h2>
      <dl>
        {Object.entries(data.checks).map(([name, check]) => (
          <div key={name} className="row">
            <dt>{name}</dt>
            <dd className={check.ok ? 'ok' : 'warn'}>{check.detail}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Home() {
  return (
    <>
      <section className="hero">
        <h1>Your verified career passport</h1>
        <p>
          Keep one record of your posts, registrations, training, DBS checks and shifts. Tailor a CV to any job
          with nothing in it you cannot back up, and share it through links that expire.
        </p>
      </section>
      <SystemStatus />
    </>
  );
}

function NotFound() {
  return (
    <section className="card">
      <h1>Page not found</h1>
      <p>
        <Link to="/">Back to the start</Link>
      </p>
    </section>
  );
}

export function App() {
  return (
    <div className="shell">
      <header className="topbar">
        <Link to="/" className="brand">
          Medfolio
        </Link>
        <a href="/api/docs">API</a>
      </header>
      <main id="main">
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </main>
    </div>
  );
}
