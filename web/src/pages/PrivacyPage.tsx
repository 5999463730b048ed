import { Page } from '../components/Page.tsx';
import { ErrorState, Loading } from '../components/states.tsx';
import { useMe } from '../app/auth.ts';
import { RightsSection } from './privacy/RightsSection.tsx';
import { ExportSection } from './privacy/ExportSection.tsx';
import { RestrictionSection } from './privacy/RestrictionSection.tsx';
import { RequestLog } from './privacy/RequestLog.tsx';
import { RetentionPolicy } from './privacy/RetentionPolicy.tsx';
import { ErasureSection } from './privacy/ErasureSection.tsx';

/**
 * The privacy centre: your rights in plain words, a copy of your data, restriction of AI
 * processing, the request log, the retention policy, and erasure (last, as a danger zone).
 */
export function PrivacyPage() {
  const me = useMe();
  return (
    <Page title="Privacy" lead="Your data, your rights: get a copy, limit how it is used, see how long we keep it, or erase your account.">
      <RightsSection />
      <ExportSection />
      {me.isPending ? (
        <Loading label="Loading your settings…" />
      ) : me.isError ? (
        <ErrorState error={me.error} title="Your settings could not be loaded" onRetry={() => void me.refetch()} />
      ) : (
        <RestrictionSection me={me.data} />
      )}
      <RequestLog />
      <RetentionPolicy />
      {me.data ? <ErasureSection me={me.data} /> : null}
    </Page>
  );
}
