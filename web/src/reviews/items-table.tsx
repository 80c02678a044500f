import type { ReactNode } from 'react';
import { grantLabel, KIND_LABELS, OUTCOME_LABELS, POLICY_LABELS, REMEDIATION_LABELS } from './labels.ts';
import { RiskFlags } from './risk-flags.tsx';
import type { ItemView } from './types.ts';

/** A short name of the item for buttons and dialogs: `alice — AdministratorAccess on payments-prod`. */
export function itemName(item: ItemView): string {
  return `${item.principal.name ?? item.principal.id} — ${grantLabel(item)}`;
}

/**
 * Review items as a table: campaign (for My reviews, which lists every campaign's), who, what, risks, reviewer (for
 * the campaign's view), decision. `cursor` marks the row
 * the keyboard is on; `actions` renders a row's buttons; a click on the principal opens the item.
 */
export function ItemsTable({
  rows,
  caption,
  cursor,
  showReviewer,
  showCampaign,
  onOpen,
  actions,
}: {
  rows: ItemView[];
  caption: string;
  cursor?: number;
  showReviewer?: boolean;
  showCampaign?: boolean;
  onOpen: (item: ItemView, index: number) => void;
  actions?: (item: ItemView, index: number) => ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table className="data review-items">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {showCampaign && <th scope="col">Campaign</th>}
            <th scope="col">Principal</th>
            <th scope="col">Access</th>
            <th scope="col">Risk</th>
            {showReviewer && <th scope="col">Reviewer</th>}
            <th scope="col">Decision</th>
            {actions && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((item, i) => (
            <tr key={item.id} className={i === cursor ? 'cursor' : undefined} aria-current={i === cursor ? 'true' : undefined} data-item-id={item.id}>
              {showCampaign && <td>{item.campaignName}</td>}
              <td>
                <button type="button" className="link-button" onClick={() => onOpen(item, i)}>
                  {item.principal.name ?? item.principal.id}
                </button>
                {item.person && item.person.displayName !== item.principal.name && <div className="cell-sub">{item.person.displayName}</div>}
              </td>
              <td>
                {grantLabel(item)}
                <div className="cell-sub">
                  {KIND_LABELS[item.kind]}
                  {item.confers.memberCount !== undefined && ` · held by ${item.confers.memberCount} through the group`}
                  {item.confers.accounts && item.confers.accounts.length > 0 && ` · brings ${item.confers.accounts.length} account assignment${item.confers.accounts.length === 1 ? '' : 's'}`}
                </div>
              </td>
              <td>{item.riskFlags.length > 0 ? <RiskFlags flags={item.riskFlags} /> : <span className="muted">—</span>}</td>
              {showReviewer && (
                <td>
                  {item.reviewer ? item.reviewer.displayName : <span className="danger-text">Nobody eligible</span>}
                  <div className="cell-sub">
                    Stage {item.stage}
                    {item.policy && ` · ${POLICY_LABELS[item.policy]}`}
                  </div>
                </td>
              )}
              <td>
                <DecisionCell item={item} />
              </td>
              {actions && <td className="row-actions">{actions(item, i)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DecisionCell({ item }: { item: ItemView }) {
  const decided = item.decision === 'keep' ? 'Keep' : item.decision === 'revoke' ? 'Revoke' : null;
  return (
    <>
      {decided ? <strong className={item.decision === 'revoke' ? 'danger-text' : 'ok-text'}>{decided}</strong> : <span className="muted">Undecided</span>}
      {item.outcome !== 'pending' && <div className="cell-sub">{OUTCOME_LABELS[item.outcome]}</div>}
      {item.comment && <div className="cell-sub">“{item.comment}”</div>}
      {item.remediation && <div className="cell-sub">{REMEDIATION_LABELS[item.remediation.state]}</div>}
    </>
  );
}
