import { RISK_LABELS } from './labels.ts';
import type { RiskFlag } from './types.ts';

/** Risk flags as warning badges with words. */
export function RiskFlags({ flags }: { flags: RiskFlag[] }) {
  return (
    <span className="risk-flags">
      {flags.map((f) => (
        <span key={f} className={f === 'privileged' ? 'badge badge-danger' : 'badge badge-warn'}>
          <span aria-hidden="true" className="badge-mark">
            !
          </span>
          {RISK_LABELS[f]}
        </span>
      ))}
    </span>
  );
}
