import { Link } from 'react-router';
import { Page } from '../components/Page.tsx';

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p>If you typed the web address, check it is correct. If you pasted it, check you copied all of it.</p>
      <p>
        <Link to="/">Go to your dashboard</Link>
      </p>
    </Page>
  );
}
