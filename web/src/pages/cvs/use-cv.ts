import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import type { Cv, ZCvList } from '../../../../server/domains/cvs/schema.ts';
import { api } from '../../lib/api.ts';
import { isFinished, laterStage, type CvStage } from '../../lib/cv-progress.ts';
import { useSocket } from '../../lib/socket.ts';

export type CvList = z.infer<typeof ZCvList>;
export type CvListItem = CvList['cvs'][number];

export const cvKeys = {
  all: ['cvs'] as const,
  list: ['cvs', 'list'] as const,
  one: (id: string) => ['cvs', 'one', id] as const,
};

export function useCvList() {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: cvKeys.list,
    queryFn: ({ signal }) => api.get<CvList>('/api/cvs', { signal }),
    // While a CV is being made, keep the list fresh even if socket events are missed.
    refetchInterval: (q) => (q.state.data?.cvs.some((c) => !isFinished(c.stage)) ? 5000 : false),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: cvKeys.list });
  useSocket('/', { 'cv:progress': refresh }, { onReconnect: refresh });
  return query;
}

/**
 * One CV request, live: `cv:progress` events move the stage at once, and the request is
 * refetched when the checked draft (rendering) or the PDF (done) is ready. Events can be missed
 * (a reconnect, another process), so it also polls while unfinished: slowly when the socket is
 * up, quickly when it is not.
 */
export function useLiveCv(id: string | undefined) {
  const queryClient = useQueryClient();
  const [eventStage, setEventStage] = useState<{ id: string; stage: CvStage } | undefined>();
  const { state } = useSocket(
    '/',
    {
      'cv:progress': (payload: { id: string; stage: CvStage }) => {
        if (!id || payload.id !== id) return;
        setEventStage((prev) => ({ id, stage: laterStage(prev?.id === id ? prev.stage : undefined, payload.stage) }));
        if (payload.stage === 'rendering' || payload.stage === 'done' || payload.stage === 'failed') void queryClient.invalidateQueries({ queryKey: cvKeys.one(id) });
        void queryClient.invalidateQueries({ queryKey: cvKeys.list });
      },
    },
    { enabled: Boolean(id), onReconnect: () => id && void queryClient.invalidateQueries({ queryKey: cvKeys.one(id) }) },
  );
  const query = useQuery({
    queryKey: cvKeys.one(id ?? 'none'),
    queryFn: ({ signal }) => api.get<Cv>(`/api/cvs/${id}`, { signal }),
    enabled: Boolean(id),
    refetchInterval: (q) => {
      const stage = q.state.data?.stage;
      if (q.state.status === 'error' || isFinished(stage)) return false;
      return state === 'connected' ? 8000 : 2000;
    },
  });
  const fromEvent = eventStage && eventStage.id === id ? eventStage.stage : undefined;
  const stage: CvStage | undefined = query.data ? laterStage(query.data.stage, fromEvent ?? query.data.stage) : fromEvent;
  return { query, stage, socketState: state };
}
