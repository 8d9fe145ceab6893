// Confirmation before the irreversible: the first press shows what will happen (how many recipients,
// which channels) and asks once; only "confirm" acts. Inline rather than a browser dialog, so it is
// read by screen readers in place and works the same in every browser.
import { useState, type ReactNode } from 'react';

export function ConfirmAction({
  label,
  confirmLabel,
  summary,
  disabled,
  busy,
  describedBy,
  primary = true,
  onConfirm,
}: {
  label: string;
  confirmLabel: string;
  /** What will happen; rendered when the person asks to act. */
  summary: () => ReactNode;
  disabled?: boolean;
  busy?: boolean;
  describedBy?: string | undefined;
  primary?: boolean;
  onConfirm(): void;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        className={primary ? 'primary' : undefined}
        aria-describedby={describedBy}
        disabled={disabled || busy}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={`Confirm: ${label}`}>
      <div className="confirm-summary">{summary()}</div>
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={disabled || busy}
          onClick={() => {
            setAsking(false);
            onConfirm();
          }}
        >
          {confirmLabel}
        </button>
        <button type="button" disabled={busy} onClick={() => setAsking(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
