import './Modal.css';
import { type ReactNode, useEffect, useId, useRef } from 'react';

/**
 * A modal dialog on the native <dialog>: focus stays inside, Escape closes it, the page behind is inert.
 * It opens with the focus in its first field (or the element marked `data-autofocus`).
 */
export function Modal({
  open,
  onClose,
  title,
  children,
  size = 'normal',
  testId,
  footer,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  size?: 'normal' | 'wide' | 'full';
  testId?: string;
  footer?: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      // showModal focuses the first button (Close): typing would be lost and Enter would close.
      // The field the dialog asks for gets the focus instead.
      const field = element.querySelector<HTMLElement>(
        '[data-autofocus], .modal__body input:not([type="hidden"]), .modal__body select, .modal__body textarea',
      );
      field?.focus();
    }
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      className={`modal modal--${size}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open && (
        <div className="modal__frame">
          <header className="modal__header">
            <h2 className="modal__title" id={titleId}>
              {title}
            </h2>
            <button
              type="button"
              className="icon-button"
              aria-label="Close"
              data-testid="modal-close"
              onClick={onClose}
            >
              <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
                <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
              </svg>
            </button>
          </header>
          <div className="modal__body">{children}</div>
          {footer && <footer className="modal__footer">{footer}</footer>}
        </div>
      )}
    </dialog>
  );
}
