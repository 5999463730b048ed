import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { Page } from '../../components/Page.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { api } from '../../lib/api.ts';
import { MemberItems } from './Compliance.tsx';
import type { MyView } from './org-api.ts';

/** Exactly what the organisation's admins see of you: the same data their view is built from. */
export function MyViewPage() {
  const { id = '' } = useParams();
  const view = useQuery({ queryKey: ['organisations', id, 'my-view'], queryFn: ({ signal }) => api.get<MyView>(`/api/organisations/${id}/my-view`, { signal }) });
  return (
    <Page title="What my organisation sees" lead={view.data ? `Everything ${view.data.organisation.name} sees of you, as they see it.` : undefined}>
      {view.isPending ? (
        <Loading label="Loading…" />
      ) : view.isError ? (
        <ErrorState error={view.error} title="This could not be loaded" />
      ) : (
        <>
          {view.data.sees ? <MemberItems member={view.data.sees} headingLevel={2} /> : <p>They see your name and email address, and nothing from your record.</p>}
          <section className="card stack stack-tight" aria-labelledby="terms-heading">
            <h2 id="terms-heading">What you agreed to</h2>
            {view.data.terms.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </section>
          <p>
            <Link to={`/organisations/${id}`}>Change what you share, or leave</Link>
          </p>
        </>
      )}
    </Page>
  );
}
