import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { z } from 'zod';
import type { ZShareList } from '../../../server/domains/shares/schema.ts';
import { Page } from '../components/Page.tsx';
import { EmptyState, ErrorState, Loading } from '../components/states.tsx';
import { api } from '../lib/api.ts';
import { useCvList } from './cvs/use-cv.ts';
import { ShareCreatedPanel, ShareForm, type ShareCreated } from './shares/ShareForm.tsx';
import { ShareItem } from './shares/ShareList.tsx';

type ShareList = z.infer<typeof ZShareList>;
const sharesKey = ['shares', 'list'] as const;

/**
 * Shares: create an expiring link to a CV for a recipient (optional passcode and view limit),
 * copy it, and follow every link's status and views; revoke any active one. `?cv=<id>` picks
 * the CV to share.
 */
export function SharesPage() {
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const cvs = useCvList();
  const shares = useQuery({
    queryKey: sharesKey,
    queryFn: ({ signal }) => api.get<ShareList>('/api/shares', { signal }),
    refetchOnWindowFocus: true,
  });
  const [created, setCreated] = useState<(ShareCreated & { recipientEmail: string; hasPasscode: boolean }) | undefined>();
  const [announcement, setAnnouncement] = useState('');

  const readyCvs = useMemo(
    () =>
      (cvs.data?.cvs ?? [])
        .filter((c) => c.stage === 'done')
        .map((c) => ({ id: c.id, label: `${c.jobTitle ?? 'Untitled job'} (${new Date(c.createdAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' })})` })),
    [cvs.data],
  );
  const cvTitles = useMemo(() => new Map((cvs.data?.cvs ?? []).map((c) => [c.id, c.jobTitle ?? 'Untitled job'])), [cvs.data]);

  return (
    <Page title="Shares" lead="Send a CV to a recruiter through a link that expires, can be revoked and logs every view.">
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {created ? <ShareCreatedPanel created={created} onDismiss={() => setCreated(undefined)} /> : null}

      <section className="card stack" aria-labelledby="share-form-title">
        <h2 id="share-form-title">Share a CV</h2>
        {cvs.isPending ? (
          <Loading label="Loading your CVs…" />
        ) : cvs.isError ? (
          <ErrorState level={3} error={cvs.error} title="Your CVs could not be loaded" onRetry={() => void cvs.refetch()} />
        ) : readyCvs.length === 0 ? (
          <EmptyState
            level={3}
            title="No CV ready to share"
            action={
              <Link className="btn" to="/assistant">
                Tailor a CV to a job
              </Link>
            }
          >
            <p>Once a CV is ready you can send it from here.</p>
          </EmptyState>
        ) : (
          <ShareForm
            cvs={readyCvs}
            initialCvId={params.get('cv') ?? undefined}
            onCreated={(c) => {
              setCreated(c);
              void queryClient.invalidateQueries({ queryKey: sharesKey });
            }}
          />
        )}
      </section>

      <section className="stack" aria-labelledby="share-list-title">
        <div className="page-header">
          <h2 id="share-list-title">Your links</h2>
          <button type="button" className="btn btn-secondary btn-small" onClick={() => void shares.refetch()} aria-busy={shares.isFetching || undefined}>
            Refresh
          </button>
        </div>
        {shares.isPending ? (
          <Loading label="Loading your links…" />
        ) : shares.isError ? (
          <ErrorState level={3} error={shares.error} title="Your links could not be loaded" onRetry={() => void shares.refetch()} />
        ) : shares.data.shares.length === 0 ? (
          <EmptyState level={3} title="No links yet">
            <p>Links you create appear here with their views.</p>
          </EmptyState>
        ) : (
          <ul className="share-list">
            {shares.data.shares.map((s) => (
              <ShareItem
                key={s.id}
                share={s}
                cvTitle={cvTitles.get(s.cvId)}
                onRevoked={(share) => {
                  queryClient.setQueryData<ShareList>(sharesKey, (prev) =>
                    prev ? { shares: prev.shares.map((x) => (x.id === share.id ? { ...x, status: 'revoked', revokedAt: new Date().toISOString() } : x)) } : prev,
                  );
                  void queryClient.invalidateQueries({ queryKey: sharesKey });
                  setAnnouncement(`The link for ${share.recipientEmail} is revoked.`);
                }}
              />
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}
