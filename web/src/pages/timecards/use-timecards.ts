import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { ZRollup, ZTimecardList } from '../../../../server/domains/timecards/schema.ts';
import { api } from '../../lib/api.ts';
import { useSocket } from '../../lib/socket.ts';

export type TimecardList = z.infer<typeof ZTimecardList>;
export type Rollup = z.infer<typeof ZRollup>;

export const timecardKeys = {
  all: ['timecards'] as const,
  list: ['timecards', 'list'] as const,
  rollup: ['timecards', 'rollup'] as const,
};

export function useTimecards() {
  return useQuery({ queryKey: timecardKeys.list, queryFn: ({ signal }) => api.get<TimecardList>('/api/timecards', { signal }) });
}

export function useRollup() {
  return useQuery({ queryKey: timecardKeys.rollup, queryFn: ({ signal }) => api.get<Rollup>('/api/timecards/rollup', { signal }) });
}

/**
 * Another tab (or a supervisor's decision) changed a time card: the server tells every socket of
 * this user with `timecard:updated`; refetch. After a reconnection refetch too, in case an
 * event was missed.
 */
export function useTimecardLiveUpdates() {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: timecardKeys.all });
  return useSocket('/', { 'timecard:updated': refresh }, { onReconnect: refresh });
}

/** The current time, ticking every `intervalMs` while `active`. */
export function useNow(active: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}
