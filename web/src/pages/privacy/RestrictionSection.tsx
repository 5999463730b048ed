import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Me } from '../../../../server/domains/accounts/schema.ts';
import { api, describeError } from '../../lib/api.ts';
import { meQueryKey } from '../../app/auth.ts';
import { privacyKeys } from './queries.ts';

/** Restriction of processing: a switch that pauses every AI use of your data (POST /api/me/restriction). */
export function RestrictionSection({ me }: { me: Me }) {
  const queryClient = useQueryClient();
  const [announcement, setAnnouncement] = useState('');
  const restricted = me.processingRestricted;
  const toggle = useMutation({
    mutationFn: (next: boolean) => api.post<{ restricted: boolean }>('/api/me/restriction', { restricted: next }),
    onSuccess: ({ restricted: now }) => {
      queryClient.setQueryData<Me>(meQueryKey, (old) => (old ? { ...old, processingRestricted: now } : old));
      void queryClient.invalidateQueries({ queryKey: privacyKeys.requests });
      // Screens that read /api/ready (the dashboard) show the restriction too.
      void queryClient.invalidateQueries({ queryKey: ['ready'] });
      setAnnouncement(now ? 'AI processing is now restricted.' : 'The restriction is lifted: AI features work again.');
    },
  });

  return (
    <section className="card stack" aria-labelledby="restriction-heading">
      <h2 id="restriction-heading" tabIndex={-1}>
        Restrict AI processing
      </h2>
      <div id="restriction-what">
        <p>While the restriction is on, we keep your data but do not process it with AI:</p>
        <ul>
          <li>no AI calls: the assistant and CV tailoring are paused;</li>
          <li>no embedding: your record is not indexed for AI search;</li>
          <li>no reminders are sent to you.</li>
        </ul>
        <p className="muted">You can still view, edit, export and share your record. Lift the restriction at any time.</p>
      </div>
      <div className="switch-row">
        <button
          type="button"
          role="switch"
          className="switch"
          aria-checked={restricted}
          aria-describedby="restriction-what"
          aria-busy={toggle.isPending || undefined}
          onClick={() => !toggle.isPending && toggle.mutate(!restricted)}
        >
          <span className="switch-track" aria-hidden="true">
            <span className="switch-thumb" />
          </span>
          <span className="switch-label">Restrict AI processing</span>
        </button>
        <span className={restricted ? 'badge badge-warn' : 'badge'} aria-hidden="true">
          {restricted ? 'On' : 'Off'}
        </span>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {toggle.isPending ? 'Saving…' : announcement}
      </p>
      {toggle.isError ? (
        <p className="notice notice-danger" role="alert">
          The change was not saved. {describeError(toggle.error)}
        </p>
      ) : null}
    </section>
  );
}
