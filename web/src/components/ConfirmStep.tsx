import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface ConfirmStepProps {
  /** The question (one paragraph): "Delete <strong>cv.pdf</strong>? This cannot be undone." */
  children: ReactNode;
  /** Names the group for assistive technology when there is no title: "Confirm deleting cv.pdf". */
  label?: string;
  /** A heading (h3) that names the group and takes focus, for a step that deserves one. */
  title?: string;
  /** "Yes, delete". */
  confirmLabel: string;
  /** Said on the confirm button while busy: "Deleting…" (default: confirmLabel). */
  busyLabel?: string;
  /** "Cancel" unless told otherwise ("Keep it"). */
  cancelLabel?: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** Element id that gets focus back after cancelling (the button that asked, once it is shown again). */
  returnFocusTo?: string;
  /** Why it failed, shown above the buttons. */
  error?: ReactNode;
  /** Small buttons, for table rows. */
  small?: boolean;
  className?: string;
}

/**
 * An inline "are you sure?" step: a labelled group with the question, a confirm button and a
 * way back. When it appears the confirm button (or the title) takes focus, so Enter answers at
 * once; Escape anywhere inside, or the cancel button, goes back. While busy both buttons say so
 * and do nothing more.
 */
export function ConfirmStep({
  children,
  label,
  title,
  confirmLabel,
  busyLabel,
  cancelLabel = 'Cancel',
  busy = false,
  onConfirm,
  onCancel,
  returnFocusTo,
  error,
  small = false,
  className = 'confirm-delete',
}: ConfirmStepProps) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const hasTitle = Boolean(title);
  useEffect(() => {
    (hasTitle ? titleRef.current : confirmRef.current)?.focus();
  }, [hasTitle]);

  // After a cancel the step goes away and the button that asked comes back in the same render:
  // focus it once this step has gone (it is in the document by then).
  const returnFocus = useRef<string | undefined>(undefined);
  useEffect(
    () => () => {
      const id = returnFocus.current;
      if (!id) return;
      const target = document.getElementById(id);
      if (target) target.focus();
      else requestAnimationFrame(() => document.getElementById(id)?.focus());
    },
    [],
  );

  const cancel = () => {
    if (busy) return;
    returnFocus.current = returnFocusTo;
    onCancel();
  };
  const buttonSize = small ? ' btn-small' : '';

  return (
    <div
      className={className}
      role="group"
      aria-label={title ? undefined : label}
      aria-labelledby={title ? titleId : undefined}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        cancel();
      }}
    >
      {title ? (
        <h3 id={titleId} ref={titleRef} tabIndex={-1}>
          {title}
        </h3>
      ) : null}
      <p>{children}</p>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="actions">
        <button ref={confirmRef} type="button" className={`btn btn-danger${buttonSize}`} aria-busy={busy || undefined} aria-disabled={busy || undefined} onClick={() => !busy && onConfirm()}>
          {busy && busyLabel ? busyLabel : confirmLabel}
        </button>
        <button type="button" className={`btn btn-secondary${buttonSize}`} aria-disabled={busy || undefined} onClick={cancel}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}
