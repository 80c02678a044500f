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

/**
 * In place of the setup documents (trust policy, inline policy, Terraform, CloudFormation) while saved settings fail
 * today's rules: they are written from the settings whole, and the API refuses them (SAVED_CONFIG_INVALID) rather
 * than print a policy with a missing External ID or region. Says what to correct first; nothing when all pass.
 */
export function SetupNeedsSettings({ connector: c }: { connector: ConnectorView }) {
  if (c.configProblems.length === 0) return null;
  const externalId = c.configProblems.some((p) => p.field === 'config.externalId');
  return (
    <div className="warn-box" role="note" aria-label="No setup documents yet">
      <p>
        {externalId
          ? 'This connector’s External ID could not be read, and the role’s trust policy names it: there are no setup documents to give. Add a new connector, create its role from that connector’s setup documents, then archive this one.'
          : `The setup documents are written from the connector’s settings. Correct ${c.configProblems.map((p) => settingLabel(p.field)).join(', ')} first (Settings to fix, above); they show here once it is saved.`}
      </p>
    </div>
  );
}
