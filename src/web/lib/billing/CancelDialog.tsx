import { useEffect, useId, useRef } from 'react';
import type { ApiError } from '../api/errors.ts';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';

export interface CancelDialogProps {
  planName: string;
  /** What the user keeps: "You keep Pro until March 3, 2027." */
  consequence: string;
  pending: boolean;
  error: ApiError | null;
  onConfirm: () => void;
  onClose: () => void;
}

/** Keeps Tab / Shift+Tab cycling inside the open dialog (it is modal: the page behind is inert). */
function trapFocus(e: KeyboardEvent, root: HTMLElement | null) {
  if (!root) return;
  const items = [...root.querySelectorAll<HTMLElement>('button:not([disabled]), a[href]')];
  if (items.length === 0) return;
  const first = items[0];
  const last = items[items.length - 1];
  const active = document.activeElement;
  if (e.shiftKey && (active === first || !root.contains(active))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (active === last || !root.contains(active))) {
    e.preventDefault();
    first.focus();
  }
}

/**
 * A modal confirmation: focus moves into it, Escape or "Keep" closes it, and focus returns to the button
 * that opened it (the caller keeps that button mounted).
 */
export function CancelDialog(props: CancelDialogProps) {
  const titleId = useId();
  const descId = useId();
  const keepRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  const { onClose, pending } = props;

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    keepRef.current?.focus();
    return () => opener?.focus?.();
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !pending) onClose();
      if (e.key === 'Tab') trapFocus(e, dialogRef.current);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose, pending]);

  return (
    <div className="up-dialog-backdrop">
      <div
        ref={dialogRef}
        className="up-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={descId}
      >
        <h2 id={titleId}>Cancel {props.planName}?</h2>
        <p id={descId}>{props.consequence}</p>
        {props.error && <ErrorNotice error={props.error} />}
        <div className="up-actions">
          <button
            ref={keepRef}
            type="button"
            className="up-button up-button--secondary"
            onClick={onClose}
            disabled={pending}
          >
            Keep subscription
          </button>
          <button
            type="button"
            className="up-button up-button--danger"
            onClick={props.onConfirm}
            disabled={pending}
            aria-busy={pending}
          >
            {pending ? 'Canceling…' : 'Yes, cancel'}
          </button>
        </div>
      </div>
    </div>
  );
}
