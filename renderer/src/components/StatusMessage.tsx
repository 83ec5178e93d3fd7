import type { ReactNode } from 'react';

/** A loading indicator that screen readers announce. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="status" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

/** An error with what went wrong and what to do, and a retry. */
export function ErrorMessage({ message, hint, onRetry }: { message: string; hint?: string | undefined; onRetry?: () => void }) {
  return (
    <div className="error-box" role="alert">
      <p>
        <strong>{message}</strong>
      </p>
      {hint ? <p>{hint}</p> : null}
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** What an empty screen shows: why it is empty and how to fill it. */
export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="empty-state">
      <h2>{title}</h2>
      {children}
    </div>
  );
}
