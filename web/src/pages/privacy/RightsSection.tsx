import { Link } from 'react-router';

/** Your rights under UK GDPR, in plain words, each with where to act on it. */
export function RightsSection() {
  return (
    <section className="card stack stack-tight" aria-labelledby="rights-heading">
      <h2 id="rights-heading">Your rights</h2>
      <p>The information in Medfolio is about you, and you stay in control of it. You can:</p>
      <ul className="rights-list">
        <li>
          <strong>Get a copy</strong> of everything we hold about you (the right of access): <a href="#export-heading">request a data export</a>.
        </li>
        <li>
          <strong>Correct it</strong> (rectification): edit your <Link to="/record">record</Link> at any time; past values stay in your <Link to="/activity">activity log</Link>.
        </li>
        <li>
          <strong>Limit what we do with it</strong> (restriction): <a href="#restriction-heading">pause AI processing</a> of your data.
        </li>
        <li>
          <strong>Have it erased</strong>: <a href="#erasure-heading">delete your account</a> and everything in it.
        </li>
        <li>
          <strong>Object, or ask anything else</strong>: contact us. If you are unhappy with our answer, you can complain to the Information Commissioner’s Office (ico.org.uk).
        </li>
      </ul>
      <p className="muted">We answer every request within one month. Each one is listed below with its deadline.</p>
    </section>
  );
}
