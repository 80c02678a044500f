import type { ReactNode } from 'react';
import { DialogButtons } from './dialog-buttons.tsx';
import { ErrorBox } from './feedback.tsx';
import { Modal } from './modal.tsx';

/**
 * A dialog that confirms something that cannot be taken back: what it will do (`children`, which may hold fields),
 * the error of the last try, the red button and Cancel. The button stays disabled until `ready` and while `busy`,
 * and Enter in a field does no more than the button would.
 */
export function ConfirmDialog({
  title,
  confirm,
  busyLabel,
  busy,
  ready = true,
  error,
  onConfirm,
  onClose,
  className,
  children,
}: {
  title: string;
  confirm: string;
  busyLabel: string;
  busy: boolean;
  ready?: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Modal title={title} onClose={onClose}>
      <form
        className={className}
        onSubmit={(e) => {
          e.preventDefault();
          if (ready && !busy) onConfirm();
        }}
      >
        {children}
        <ErrorBox error={error} />
        <DialogButtons label={confirm} busyLabel={busyLabel} busy={busy} ready={ready} tone="danger" onCancel={onClose} />
      </form>
    </Modal>
  );
}
