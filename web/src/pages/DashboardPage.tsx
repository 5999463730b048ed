import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { useMe } from '../app/auth.ts';
import { Page } from '../components/Page.tsx';
import { DUE_SUMMARY, summariseDue, todayIn } from '../lib/expiry-bands.ts';
import { ExpiryTimeline, useTimeline } from './dashboard/ExpiryTimeline.tsx';
import { PrescreenFindings } from './dashboard/PrescreenFindings.tsx';
import { GettingStarted } from './dashboard/GettingStarted.tsx';
import { isRecordEmpty, useRecordOverview } from './dashboard/getting-started.ts';
import { VerificationStatus } from './dashboard/VerificationStatus.tsx';
import { useVerifications } from './record/record-api.ts';

function Glance({ label, value, tone, to }: { label: string; value: number | undefined; tone: 'ok' | 'warn' | 'danger'; to: string }) {
  const content = (
    <>
      <span className="glance-value">{value ?? '–'}</span> <span className="glance-label">{label}</span>
    </>
  );
  return (
    <li className={`card glance glance-${value ? tone : 'ok'}`}>
      {to.startsWith('#') ? (
        <a href={to} className="glance-link">
          {content}
        </a>
      ) : (
        <Link to={to} className="glance-link">
          {content}
        </Link>
      )}
    </li>
  );
}

/** Compliance at a glance: what is expiring, what pre-screening found, and how much is verified. */
export function DashboardPage() {
  const me = useMe();
  const today = todayIn(me.data?.timeZone);
  const timeline = useTimeline(today);
  const verifications = useVerifications();
  const [message, setMessage] = useState('');
  const announce = useCallback((m: string) => setMessage(m), []);
  const due = timeline.pending || timeline.error ? undefined : summariseDue(timeline.items);
  const pending = verifications.data?.filter((v) => v.status === 'requested').length;
  const overview = useRecordOverview();
  const empty = overview ? isRecordEmpty(overview) : false;

  return (
    <Page title="Dashboard" lead={me.data ? `Welcome, ${me.data.name}. ${empty ? 'Your record is empty: start with the steps below.' : 'Here is what needs your attention.'}` : undefined}>
      {me.data?.processingRestricted ? (
        <div className="notice notice-warn" role="note">
          <p>
            <strong>Processing is restricted.</strong> At your request, AI processing of your record (drafting CVs, the assistant, search) is paused. Your record is kept and you can still edit it.{' '}
            <Link to="/privacy">Change this in Privacy</Link>.
          </p>
        </div>
      ) : null}

      {overview ? <GettingStarted overview={overview} /> : null}

      <section aria-labelledby="glance-heading" className="stack">
        <h2 id="glance-heading">At a glance</h2>
        <ul className="grid glance-list">
          {DUE_SUMMARY.map((d) => (
            <Glance key={d.key} label={d.label} value={due?.[d.key]} tone={d.key === 'expired' ? 'danger' : 'warn'} to="#expiry" />
          ))}
          <Glance label="verification requests pending" value={pending} tone="warn" to="/verifications" />
        </ul>
      </section>

      <section id="expiry" aria-labelledby="expiry-heading" className="stack">
        <h2 id="expiry-heading">Renewals and expiry dates</h2>
        <ExpiryTimeline timeline={timeline} />
      </section>

      <section id="prescreen" aria-labelledby="prescreen-heading" className="stack">
        <h2 id="prescreen-heading">Pre-screening</h2>
        <div role="status" aria-live="polite">
          {message ? <p className="notice notice-ok">{message}</p> : null}
        </div>
        <PrescreenFindings announce={announce} recordEmpty={empty} />
      </section>

      <section id="verification" aria-labelledby="verification-heading" className="stack">
        <h2 id="verification-heading">Verification</h2>
        <VerificationStatus />
      </section>
    </Page>
  );
}
