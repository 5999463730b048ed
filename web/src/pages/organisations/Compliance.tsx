import { useQuery } from '@tanstack/react-query';
import { ErrorState, Loading } from '../../components/states.tsx';
import { api } from '../../lib/api.ts';
import { formatDate } from '../../lib/privacy-format.ts';
import { dbsCheckWords, enumWord } from '../../../../server/platform/words/enum-words.ts';
import { EVIDENCE_LABELS, type ComplianceView } from './org-api.ts';

type Member = ComplianceView['members'][number];
const dateOrDash = (d: string | null) => (d ? formatDate(d) : '—');
const evidence = (e: keyof typeof EVIDENCE_LABELS | null) => (e ? EVIDENCE_LABELS[e] : null);

/** One member's shared items: the admins' view and the member's own "what my organisation sees". */
export function MemberItems({ member, headingLevel }: { member: Member; headingLevel: 2 | 4 }) {
  const H = headingLevel === 2 ? 'h2' : 'h4';
  return (
    <div className="stack stack-tight">
      <p>
        Expired: {member.expiring.expired}. Expiring within 30 days: {member.expiring.within30}; 60 days: {member.expiring.within60}; 90 days: {member.expiring.within90}.
      </p>
      {member.registrations ? (
        <>
          <H>Registrations</H>
          {member.registrations.length ? (
            <ul>
              {member.registrations.map((r, i) => (
                <li key={i}>
                  {r.body}: {r.status ?? 'status not given'}; renews {dateOrDash(r.renewalDate)}; revalidation {dateOrDash(r.revalidationDate)}
                  {evidence(r.evidence) ? ` (${evidence(r.evidence)})` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p>None recorded.</p>
          )}
        </>
      ) : null}
      {member.dbsChecks ? (
        <>
          <H>DBS checks</H>
          {member.dbsChecks.length ? (
            <ul>
              {member.dbsChecks.map((d, i) => (
                <li key={i}>
                  {dbsCheckWords(d.level)}, {enumWord(d.workforce)}, issued {formatDate(d.issueDate)}
                  {d.updateService ? `; update service renews ${dateOrDash(d.updateServiceRenewalDate)}` : ''}
                  {evidence(d.evidence) ? ` (${evidence(d.evidence)})` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p>None recorded.</p>
          )}
        </>
      ) : null}
      {member.training ? (
        <>
          <H>Training</H>
          {member.training.length ? (
            <ul>
              {member.training.map((t, i) => (
                <li key={i}>
                  {t.name}: completed {formatDate(t.completedOn)}, expires {dateOrDash(t.expiresOn)}
                  {evidence(t.evidence) ? ` (${evidence(t.evidence)})` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p>None recorded.</p>
          )}
        </>
      ) : null}
    </div>
  );
}

/** The admins' compliance view: consenting members only, with the CSV of the same data. */
export function ComplianceSection({ organisationId }: { organisationId: string }) {
  const view = useQuery({ queryKey: ['organisations', organisationId, 'compliance'], queryFn: ({ signal }) => api.get<ComplianceView>(`/api/organisations/${organisationId}/compliance`, { signal }) });
  return (
    <section className="card stack" aria-labelledby="compliance-heading">
      <h2 id="compliance-heading">Compliance</h2>
      {view.isPending ? (
        <Loading label="Loading the compliance view…" />
      ) : view.isError ? (
        <ErrorState level={3} error={view.error} title="The compliance view could not be loaded" onRetry={() => void view.refetch()} />
      ) : (
        <>
          <p>
            Across the members who share it: {view.data.expiring.expired} expired, {view.data.expiring.within30} expiring within 30 days, {view.data.expiring.within60} within 60 and{' '}
            {view.data.expiring.within90} within 90.
            {view.data.notSharing ? ` ${view.data.notSharing} member${view.data.notSharing === 1 ? ' shares' : 's share'} nothing and ${view.data.notSharing === 1 ? 'is' : 'are'} not shown.` : ''}
          </p>
          <p>
            <a className="btn btn-secondary" href={`/api/organisations/${organisationId}/compliance.csv`} download>
              Download as CSV
            </a>
          </p>
          {view.data.members.map((m) => (
            <article key={m.memberId} className="stack stack-tight" aria-label={m.name}>
              <h3>{m.name}</h3>
              <MemberItems member={m} headingLevel={4} />
            </article>
          ))}
        </>
      )}
    </section>
  );
}
