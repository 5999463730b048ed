import { useRecordList, useVerifications } from '../record/record-api.ts';

/**
 * The first steps of a record, in the order a recruiter's compliance check asks for them. An
 * empty record is not "all clear": until these are done the dashboard shows what to do next.
 */
export interface RecordOverview {
  registrations: unknown[];
  posts: Array<{ endDate: string | null }>;
  training: unknown[];
  dbs: unknown[];
  verifications: unknown[];
}

export interface GettingStartedStep {
  key: 'registration' | 'current-post' | 'training' | 'dbs' | 'referee';
  label: string;
  /** What to do, as the link's words. */
  action: string;
  to: string;
  done: boolean;
}

export function gettingStartedSteps(r: RecordOverview): GettingStartedStep[] {
  return [
    { key: 'registration', label: 'Your professional registration (GMC, NMC or HCPC)', action: 'Add your registration', to: '/record#registrations', done: r.registrations.length > 0 },
    { key: 'current-post', label: 'Your current post', action: 'Add your current post', to: '/record#posts', done: r.posts.some((p) => p.endDate === null) },
    { key: 'training', label: 'Your mandatory training (life support, safeguarding…)', action: 'Add your training', to: '/record#training', done: r.training.length > 0 },
    { key: 'dbs', label: 'Your DBS check', action: 'Add your DBS check', to: '/record#dbs', done: r.dbs.length > 0 },
    { key: 'referee', label: 'A referee asked to confirm a post', action: 'Ask a referee', to: '/verifications', done: r.verifications.length > 0 },
  ];
}

/** True when the record holds nothing a check could look at. */
export const isRecordEmpty = (r: RecordOverview) => r.registrations.length + r.posts.length + r.training.length + r.dbs.length === 0;

/** The record's lists (shared with the rest of the dashboard through the query cache); undefined until all have loaded. */
export function useRecordOverview(): RecordOverview | undefined {
  const registrations = useRecordList('registrations');
  const posts = useRecordList('posts');
  const training = useRecordList('training');
  const dbs = useRecordList('dbs');
  const verifications = useVerifications();
  if (!registrations.data || !posts.data || !training.data || !dbs.data || !verifications.data) return undefined;
  return { registrations: registrations.data, posts: posts.data, training: training.data, dbs: dbs.data, verifications: verifications.data };
}
