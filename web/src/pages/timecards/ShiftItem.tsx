import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { ZSubmitTimecardRequest, type Timecard } from '../../../../server/domains/timecards/schema.ts';
import { ConfirmStep } from '../../components/ConfirmStep.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { SubmitButton, TextAreaField, TextField } from '../../components/fields.tsx';
import { api, describeError } from '../../lib/api.ts';
import { displayStatus, formatBreak, formatHours, formatShiftTime, formatTimeOfDay, isEditable, STATUS_LABEL, workedMs } from '../../lib/timecard-time.ts';
import { useZodForm } from '../../lib/use-zod-form.ts';
import { Warnings } from './Warnings.tsx';

const BADGE: Record<ReturnType<typeof displayStatus>, string> = {
  'in-progress': 'badge badge-info',
  draft: 'badge',
  submitted: 'badge badge-warn',
  approved: 'badge badge-ok',
  rejected: 'badge badge-danger',
};

/** Notes: empty clears them (null), as the server's schema wants at least one character. */
const ZNotesForm = z.object({ notes: z.string().trim().max(2000, 'must be 2000 characters or fewer') });

export interface ShiftItemProps {
  card: Timecard;
  onChanged: (announcement: string) => void;
  onDeleted: (announcement: string) => void;
}

type Panel = 'none' | 'notes' | 'submit' | 'delete';

export function ShiftItem({ card, onChanged, onDeleted }: ShiftItemProps) {
  const [panel, setPanel] = useState<Panel>('none');
  const status = displayStatus(card);
  const editable = isEditable(card);
  const titleId = `shift-${card.id}-title`;
  const toggleRefs = useRef<Partial<Record<Panel, HTMLButtonElement | null>>>({});
  const close = (from: Panel) => {
    setPanel('none');
    // Back to the button that opened the panel.
    requestAnimationFrame(() => toggleRefs.current[from]?.focus());
  };
  const hours = card.clockOut ? card.hoursWorked : workedMs(card, Date.now()) / 3_600_000;

  return (
    <li className="tc-shift-li">
      <article className="card tc-shift" aria-labelledby={titleId}>
        <div className="tc-shift-head">
          <h3 id={titleId} className="tc-shift-title">
            {formatShiftTime(card.clockIn, card.timeZone)}
            <span className="visually-hidden">, {card.employer}</span>
          </h3>
          <span className={BADGE[status]}>{STATUS_LABEL[status]}</span>
        </div>
        <p className="tc-shift-where">
          {card.role} · {card.employer}
          {card.site ? `, ${card.site}` : ''}
        </p>
        <dl className="tc-facts">
          <div>
            <dt>Time</dt>
            <dd>
              {formatTimeOfDay(card.clockIn, card.timeZone)} – {card.clockOut ? formatShiftTime(card.clockOut, card.timeZone) : 'now'}
            </dd>
          </div>
          <div>
            <dt>Hours</dt>
            <dd>{formatHours(hours)}</dd>
          </div>
          <div>
            <dt>Breaks</dt>
            <dd>{formatBreak(card.breakMinutes)}</dd>
          </div>
        </dl>
        {card.status === 'rejected' && card.rejectionReason ? (
          <p className="notice notice-danger">
            <strong>Rejected{card.decidedBy ? ` by ${card.decidedBy}` : ''}:</strong> {card.rejectionReason}
          </p>
        ) : null}
        {card.status === 'approved' && card.decidedBy ? <p className="muted">Approved by {card.decidedBy}</p> : null}
        <Warnings warnings={card.warnings} />
        {card.notes && panel !== 'notes' ? (
          <p className="tc-notes">
            <span className="muted">Notes:</span> {card.notes}
          </p>
        ) : null}

        {editable ? (
          <div className="actions tc-shift-actions">
            <button
              ref={(el) => void (toggleRefs.current.notes = el)}
              type="button"
              className="btn btn-secondary btn-small"
              aria-expanded={panel === 'notes'}
              onClick={() => setPanel(panel === 'notes' ? 'none' : 'notes')}
            >
              Edit notes
            </button>
            {/* A shift too short to be work is not sent for approval: its warning says why and what to do. */}
            {card.warnings.some((w) => w.code === 'TOO_SHORT') ? null : (
              <button
                ref={(el) => void (toggleRefs.current.submit = el)}
                type="button"
                className="btn btn-secondary btn-small"
                aria-expanded={panel === 'submit'}
                onClick={() => setPanel(panel === 'submit' ? 'none' : 'submit')}
              >
                Submit for approval
              </button>
            )}
            <button
              ref={(el) => void (toggleRefs.current.delete = el)}
              type="button"
              className="btn btn-secondary btn-small tc-delete"
              aria-expanded={panel === 'delete'}
              onClick={() => setPanel(panel === 'delete' ? 'none' : 'delete')}
            >
              Delete
            </button>
          </div>
        ) : null}
        {panel === 'notes' ? (
          <NotesForm
            card={card}
            onCancel={() => close('notes')}
            onSaved={() => {
              close('notes');
              onChanged('Notes saved.');
            }}
          />
        ) : null}
        {panel === 'submit' ? (
          <SubmitForm
            card={card}
            onCancel={() => close('submit')}
            onSubmitted={(to) => {
              setPanel('none');
              onChanged(`Shift sent to ${to} for approval.`);
            }}
          />
        ) : null}
        {panel === 'delete' ? <DeleteConfirm card={card} onCancel={() => close('delete')} onDeleted={() => onDeleted('Shift deleted.')} /> : null}
      </article>
    </li>
  );
}

function NotesForm({ card, onCancel, onSaved }: { card: Timecard; onCancel: () => void; onSaved: () => void }) {
  const form = useZodForm({
    schema: ZNotesForm,
    initialValues: { notes: card.notes ?? '' },
    labels: { notes: 'Notes' },
    idPrefix: `notes-${card.id}`,
    onSubmit: async ({ notes }) => {
      await api.patch<Timecard>(`/api/timecards/${card.id}`, { notes: notes === '' ? null : notes });
      onSaved();
    },
  });
  const first = useRef<HTMLDivElement>(null);
  useEffect(() => first.current?.querySelector('textarea')?.focus(), []);
  return (
    <form className="stack tc-panel" onSubmit={form.handleSubmit} noValidate>
      <ErrorSummary {...form.summary} />
      <div ref={first}>
        <TextAreaField label="Notes" rows={3} hint="Only you see these, until you submit the shift." {...form.field('notes')} />
      </div>
      <div className="actions">
        <SubmitButton busy={form.submitting} busyLabel="Saving…">
          Save notes
        </SubmitButton>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function SubmitForm({ card, onCancel, onSubmitted }: { card: Timecard; onCancel: () => void; onSubmitted: (to: string) => void }) {
  const form = useZodForm({
    schema: ZSubmitTimecardRequest,
    initialValues: { supervisorName: '', supervisorEmail: '', relationship: '' },
    labels: { supervisorName: 'Supervisor name', supervisorEmail: 'Supervisor email', relationship: 'Relationship' },
    idPrefix: `submit-${card.id}`,
    onSubmit: async (body) => {
      await api.post(`/api/timecards/${card.id}/submit`, body);
      onSubmitted(body.supervisorName);
    },
  });
  const first = useRef<HTMLDivElement>(null);
  useEffect(() => first.current?.querySelector('input')?.focus(), []);
  return (
    <form className="stack tc-panel" onSubmit={form.handleSubmit} noValidate>
      <p>Your supervisor gets an email with a link to approve or reject this shift. Approved shifts count as verified work history.</p>
      <ErrorSummary {...form.summary} />
      <div ref={first}>
        <TextField label="Supervisor name" autoComplete="off" {...form.field('supervisorName')} />
      </div>
      <TextField label="Supervisor email" type="email" autoComplete="off" spellCheck={false} {...form.field('supervisorEmail')} />
      <TextField label="Relationship" optional hint="Defaults to “Shift supervisor”" {...form.field('relationship')} />
      <div className="actions">
        <SubmitButton busy={form.submitting} busyLabel="Sending…">
          Send for approval
        </SubmitButton>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function DeleteConfirm({ card, onCancel, onDeleted }: { card: Timecard; onCancel: () => void; onDeleted: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const remove = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.del(`/api/timecards/${card.id}`);
      onDeleted();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <ConfirmStep
      className="notice notice-danger tc-panel"
      label="Confirm delete"
      confirmLabel="Yes, delete this shift"
      busy={busy}
      onConfirm={() => void remove()}
      onCancel={onCancel}
      error={error !== undefined ? describeError(error) : undefined}
    >
      Delete the shift at {card.employer} on {formatShiftTime(card.clockIn, card.timeZone)}? This cannot be undone.
    </ConfirmStep>
  );
}
