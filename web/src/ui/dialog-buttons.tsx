/** A dialog form's buttons: submit (disabled until `ready` and while `busy`, then saying `busyLabel`) and Cancel. */
export function DialogButtons({ label, busyLabel, busy, ready = true, tone = 'primary', onCancel }: { label: string; busyLabel: string; busy: boolean; ready?: boolean; tone?: 'primary' | 'danger'; onCancel: () => void }) {
  return (
    <div className="button-row">
      <button type="submit" className={tone === 'danger' ? 'button danger-solid' : 'button'} disabled={!ready || busy}>
        {busy ? busyLabel : label}
      </button>
      <button type="button" className="button secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
