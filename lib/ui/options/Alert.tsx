import type { ComponentChildren, JSX } from 'preact';

export interface AlertProps {
  kind: 'info' | 'success' | 'warning' | 'error';
  children: ComponentChildren;
  /** A title above the message. */
  title?: string;
  /** Shows a close button; the alert stays until it is pressed. */
  onDismiss?: () => void;
  /** Name of the close button (default "Dismiss"). */
  dismissLabel?: string;
  /** Accessible name of the alert, e.g. for a page object. */
  label?: string;
}

/**
 * A message box of the options design system: errors are `role="alert"`
 * (announced at once), the others `role="status"`.
 */
export function Alert({ kind, children, title, onDismiss, dismissLabel, label }: AlertProps): JSX.Element {
  return (
    <div class={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'} aria-label={label}>
      <div class="alert-body">
        {title ? <strong class="alert-title">{title}</strong> : null}
        {children}
      </div>
      {onDismiss ? (
        <button type="button" class="ghost small" onClick={onDismiss}>
          {dismissLabel ?? 'Dismiss'}
        </button>
      ) : null}
    </div>
  );
}
