import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Cv } from '../../../../server/domains/cvs/schema.ts';
import { ConfirmStep } from '../../components/ConfirmStep.tsx';
import { api, describeError } from '../../lib/api.ts';
import { MARK_BADGE, formatDateTime } from '../../lib/record-format.ts';
import { cvKeys } from './use-cv.ts';

type Check = NonNullable<Cv['check']>;

/**
 * What the PDF says about the evidence of each entry (from its signed record, exactly as a
 * recruiter checking it sees it), whether referees' names are printed, and withdrawal.
 */
export function CvEvidence({ cv, headingLevel = 2 }: { cv: Pick<Cv, 'id' | 'showRefereeNames' | 'check'>; headingLevel?: 2 | 3 }) {
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const names = useMutation({
    mutationFn: (showRefereeNames: boolean) => api.patch<Cv>(`/api/cvs/${cv.id}`, { showRefereeNames }),
    onSuccess: (updated) => {
      queryClient.setQueryData(cvKeys.one(cv.id), updated);
      void queryClient.invalidateQueries({ queryKey: cvKeys.list });
    },
  });
  const withdraw = useMutation({
    mutationFn: () => api.post(`/api/cvs/${cv.id}/withdraw`),
    onSuccess: async () => {
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: cvKeys.one(cv.id) });
    },
  });
  const check = cv.check;
  if (!check) return null;
  const sections = [...new Set(check.items.map((i) => i.section))];
  return (
    <section className="stack stack-tight cv-evidence" aria-labelledby={`evidence-${cv.id}`}>
      <Sub id={`evidence-${cv.id}`}>Evidence on this CV</Sub>
      <p className="muted">
        Each entry carries the mark a recruiter sees on the PDF and on your share link. The PDF is signed: anyone can check it, or the code printed on it, at <Link to="/check">the check page</Link>.
      </p>
      {check.withdrawnAt ? (
        <p className="notice notice-warn" role="status">
          You withdrew this CV on {formatDateTime(check.withdrawnAt)}. Anyone checking it is told so.
        </p>
      ) : null}
      {sections.map((section) => (
        <div key={section} className="stack stack-tight">
          <p className="cv-evidence-section">
            <strong>{section}</strong>
          </p>
          <ul className="cv-evidence-list">
            {check.items
              .filter((i) => i.section === section)
              .map((item, i) => (
                <EvidenceLine key={`${section}-${i}`} item={item} noMark="No mark: your own statement" />
              ))}
          </ul>
        </div>
      ))}
      <div className="field field-checkbox">
        <div className="checkbox-row">
          <input
            id={`names-${cv.id}`}
            type="checkbox"
            checked={cv.showRefereeNames}
            disabled={names.isPending}
            onChange={(e) => names.mutate(e.target.checked)}
            aria-describedby={`names-${cv.id}-hint`}
          />
          <label htmlFor={`names-${cv.id}`}>Show referees&rsquo; names on this CV</label>
        </div>
        <p id={`names-${cv.id}-hint`} className="field-hint">
          Their role and organisation are always shown. Changing this makes the PDF again, with a new check code; a PDF you already sent stays checkable until you withdraw it.
        </p>
      </div>
      <p role="status" className="muted">
        {names.isPending ? 'Making the PDF again…' : ''}
      </p>
      {names.isError ? (
        <p className="notice notice-danger" role="alert">
          {describeError(names.error)}
        </p>
      ) : null}
      {!check.withdrawnAt ? (
        confirming ? (
          <ConfirmStep
            className="notice notice-danger stack stack-tight"
            label="Confirm withdrawing this CV"
            confirmLabel="Yes, withdraw"
            busyLabel="Withdrawing…"
            busy={withdraw.isPending}
            onConfirm={() => withdraw.mutate()}
            onCancel={() => setConfirming(false)}
            returnFocusTo={`withdraw-${cv.id}`}
          >
            Withdraw this CV? Anyone who checks the PDF will be told you withdrew it. This cannot be undone.
          </ConfirmStep>
        ) : (
          <div className="actions">
            <button id={`withdraw-${cv.id}`} type="button" className="btn btn-secondary btn-small" onClick={() => setConfirming(true)}>
              Withdraw this CV
            </button>
          </div>
        )
      ) : null}
      {withdraw.isError ? (
        <p className="notice notice-danger" role="alert">
          {describeError(withdraw.error)}
        </p>
      ) : null}
    </section>
  );
}

/** One entry and its mark; `noMark` says what an entry without one is, for whoever reads it. */
export function EvidenceLine({ item, noMark }: { item: Check['items'][number]; noMark: string }) {
  return (
    <li className="evidence-line">
      <span>{item.title}</span> {item.evidence.text ? <span className={MARK_BADGE[item.evidence.level]}>{item.evidence.text}</span> : <span className="muted">{noMark}</span>}
    </li>
  );
}
