import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { CvComparison } from '../../../../server/domains/cvs/schema.ts';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { api } from '../../lib/api.ts';
import { formatDate } from './CvList.tsx';
import { useCvList } from './use-cv.ts';

const cvName = (cv: { jobTitle: string | null; createdAt: string }) => `${cv.jobTitle ?? 'Untitled job'} (made ${formatDate(cv.createdAt)})`;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Two CVs side by side (`/cvs/:id/compare?with=<otherId>`): choose another finished CV, then read
 * which entries one has and the other has not, and which job requirements stand differently.
 */
export function CvCompare({ id }: { id: string }) {
  const [params, setParams] = useSearchParams();
  const other = params.get('with') ?? '';
  const list = useCvList();
  const [choice, setChoice] = useState(other);
  if (list.isPending) return <Loading label="Loading your CVs…" />;
  if (list.isError) return <ErrorState error={list.error} title="Your CVs could not be loaded" onRetry={() => void list.refetch()} />;
  const self = list.data.cvs.find((c) => c.id === id);
  const others = list.data.cvs.filter((c) => c.id !== id && c.status === 'done');
  if (!self) return <ErrorState error={new Error('This CV was not found among yours.')} title="CV not found" />;
  return (
    <div className="stack">
      <p>
        Comparing <strong>{cvName(self)}</strong> with another of your CVs.
      </p>
      {others.length ? (
        <form
          className="stack stack-tight"
          onSubmit={(e) => {
            e.preventDefault();
            if (choice) setParams({ with: choice });
          }}
        >
          <label htmlFor="cv-compare-with" className="field-label">
            Compare with
          </label>
          <select id="cv-compare-with" className="input" value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">Choose a CV</option>
            {others.map((c) => (
              <option key={c.id} value={c.id}>
                {cvName(c)}
              </option>
            ))}
          </select>
          <div className="actions">
            <button type="submit" className="btn" disabled={!choice}>
              Compare
            </button>
          </div>
        </form>
      ) : (
        <EmptyState
          title="No other finished CV to compare with"
          action={
            <Link className="btn" to="/assistant">
              Tailor a new CV
            </Link>
          }
        >
          <p>Tailor another CV, for this job or a different one, and come back to see what changed.</p>
        </EmptyState>
      )}
      {other ? <Comparison id={id} otherId={other} /> : null}
    </div>
  );
}

function Comparison({ id, otherId }: { id: string; otherId: string }) {
  const query = useQuery({
    queryKey: ['cvs', 'compare', id, otherId],
    queryFn: ({ signal }) => api.get<CvComparison>(`/api/cvs/${id}/compare/${otherId}`, { signal }),
  });
  if (query.isPending) return <Loading label="Comparing the two CVs…" />;
  if (query.isError) return <ErrorState error={query.error} title="The CVs could not be compared" onRetry={() => void query.refetch()} />;
  return <ComparisonView diff={query.data} />;
}

export function ComparisonView({ diff }: { diff: CvComparison }) {
  const { items, requirements } = diff;
  const firstName = cvName(diff.first);
  const secondName = cvName(diff.second);
  return (
    <div className="stack cv-compare">
      <h2>What changed</h2>
      <p>
        From <strong>{firstName}</strong> (the first CV) to <strong>{secondName}</strong> (the second CV).{' '}
        {diff.sameJob ? 'Both were tailored to the same job.' : 'They were tailored to different jobs.'}
      </p>

      <section className="stack stack-tight" aria-labelledby="cv-compare-entries">
        <h2 id="cv-compare-entries">Entries</h2>
        <p className="muted">{plural(items.unchanged, 'entry is in both CVs.', 'entries are in both CVs.')}</p>
        <ItemList heading={`Added in the second CV (${items.added.length})`} items={items.added} empty="Nothing was added." />
        <ItemList heading={`Left out of the second CV (${items.removed.length})`} items={items.removed} empty="Nothing was left out." />
      </section>

      <section className="stack stack-tight" aria-labelledby="cv-compare-reqs">
        <h2 id="cv-compare-reqs">Job requirements</h2>
        <p className="muted">{plural(requirements.unchanged, 'requirement stands the same in both.', 'requirements stand the same in both.')}</p>
        <h3>Changed ({requirements.changed.length})</h3>
        {requirements.changed.length ? (
          <ul>
            {requirements.changed.map((r, i) => (
              <li key={i}>
                {r.text}: was {r.fromWords}, now {r.toWords}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No requirement changed.</p>
        )}
        <RequirementList heading={`Only in the advert for the first CV (${requirements.onlyInFirst.length})`} items={requirements.onlyInFirst} />
        <RequirementList heading={`Only in the advert for the second CV (${requirements.onlyInSecond.length})`} items={requirements.onlyInSecond} />
      </section>
    </div>
  );
}

function ItemList({ heading, items, empty }: { heading: string; items: CvComparison['items']['added']; empty: string }) {
  return (
    <>
      <h3>{heading}</h3>
      {items.length ? (
        <ul>
          {items.map((item, i) => (
            <li key={i}>
              <strong>{item.title}</strong>
              {item.subtitle ? `, ${item.subtitle}` : ''} <span className="muted">({item.section})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{empty}</p>
      )}
    </>
  );
}

function RequirementList({ heading, items }: { heading: string; items: CvComparison['requirements']['onlyInFirst'] }) {
  return (
    <>
      <h3>{heading}</h3>
      {items.length ? (
        <ul>
          {items.map((r, i) => (
            <li key={i}>
              {r.text}: {r.statusWords} <span className="badge">{r.importance === 'essential' ? 'Essential' : 'Desirable'}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">None.</p>
      )}
    </>
  );
}
