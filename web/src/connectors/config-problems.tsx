import type { ConnectorView } from '../types.ts';
import { Link } from '../ui/link.tsx';

// The settings' names as the connector's pages show them; the API names them `config.<key>`.
const SETTING_LABELS: Record<string, string> = {
  'config.roleArn': 'Role ARN',
  'config.externalId': 'External ID',
  'config.organizations': 'AWS Organizations',
  'config.identityCenterRegion': 'Identity Center region',
  'config.scimEndpoint': 'SCIM endpoint',
  'config.crossAccountRoleName': 'Cross-account role',
  'config.endpoint': 'AWS endpoint',
  'config.ownerTag': 'Owner tag',
  'config.region': 'AWS region',
};

export function settingLabel(field: string): string {
  return SETTING_LABELS[field] ?? field;
}

/**
 * Saved settings that today's rules refuse (saved under older or looser ones): the connector does not sync,
 * provision or test until they are corrected, so the warning names each and how to fix it. `compact` is the
 * connectors list's one line.
 */
export function ConfigProblems({ connector: c, canEdit, compact = false }: { connector: ConnectorView; canEdit: boolean; compact?: boolean }) {
  if (c.configProblems.length === 0) return null;
  const fields = c.configProblems.map((p) => settingLabel(p.field));
  const externalId = c.configProblems.some((p) => p.field === 'config.externalId');
  const fix = externalId
    ? 'The External ID never changes (the role’s trust policy names it): add a new connector and archive this one.'
    : canEdit
      ? 'Edit the connector and save valid values.'
      : 'A Connector Administrator has to edit the connector.';
  const editLink = canEdit && !externalId && <Link href={`/connectors/${c.id}/edit`}>Edit the connector</Link>;
  if (compact) {
    return (
      <span className="cell-sub warn-text" role="note" aria-label={`Settings to fix on ${c.name}`}>
        ⚠ Settings to fix: {fields.join(', ')}. It does not sync until then. {editLink}
      </span>
    );
  }
  return (
    <div className="warn-box" role="note" aria-label="Settings to fix">
      <p>
        <strong>Some saved settings no longer pass RRCU’s rules</strong>, so this connector does not sync, change access or test its connection until they are corrected:
      </p>
      <ul>
        {c.configProblems.map((p) => (
          <li key={p.field}>
            <strong>{settingLabel(p.field)}</strong> <span className="mono">({p.field})</span>: {p.message}
          </li>
        ))}
      </ul>
      <p>
        {fix} {editLink}
      </p>
    </div>
  );
}
