import type { ConnectorView } from '../../types.ts';
import type { ConfigPatch, ConnectorPatch, NewConnector } from '../queries.ts';

/**
 * The setup guide's form as one value and one pure reducer: step 1 (name, owners and, when creating, what RRCU
 * reads) and step 3 (the role and its settings) each keep their own copy, started from the connector as saved.
 * Booleans say whether a feature is on; the text fields keep what was typed, trimmed only when sent.
 */
export type SetupForm = {
  name: string;
  /** Email addresses as typed: separated by commas, semicolons or spaces. */
  owners: string;
  roleArn: string;
  organizations: boolean;
  identityCenter: boolean;
  identityCenterRegion: string;
  scim: boolean;
  scimEndpoint: string;
  /** Whether a new SCIM token is asked for: always without a saved one, else after "Replace token". */
  replacingToken: boolean;
  scimToken: string;
  crossAccountRoleName: string;
  endpoint: string;
  region: string;
  /** What the last Save found wrong before sending, by the field's name in the request (`config.scimEndpoint`). */
  problems: Record<string, string>;
};

/** The fields a person types or ticks. */
export type EditableField = Exclude<keyof SetupForm, 'replacingToken' | 'problems'>;

export type SetupFormAction =
  | { [K in EditableField]: { type: 'edit'; field: K; value: SetupForm[K] } }[EditableField]
  | { type: 'replace-token' }
  | { type: 'keep-token' }
  | { type: 'checked'; problems: Record<string, string> }
  | { type: 'saved'; connector: ConnectorView };

export function setupFormReducer(form: SetupForm, action: SetupFormAction): SetupForm {
  switch (action.type) {
    case 'edit':
      return { ...form, [action.field]: action.value };
    case 'replace-token':
      return { ...form, replacingToken: true };
    case 'keep-token':
      return { ...form, replacingToken: false, scimToken: '' };
    case 'checked':
      return { ...form, problems: action.problems };
    // The token sent is never kept in the page; a token is asked for again only if none is saved now.
    case 'saved':
      return { ...form, replacingToken: !action.connector.hasScimToken, scimToken: '' };
  }
}

const DEFAULT_IDENTITY_CENTER_REGION = 'us-east-1';

/** The form for a new connector (owned by whoever creates it, reading Organizations and Identity Center), or as `connector` is saved. */
export function initialSetupForm(connector: ConnectorView | undefined, email: string | null): SetupForm {
  if (!connector) {
    return {
      name: '',
      owners: email ? email : '',
      roleArn: '',
      organizations: true,
      identityCenter: true,
      identityCenterRegion: DEFAULT_IDENTITY_CENTER_REGION,
      scim: false,
      scimEndpoint: '',
      replacingToken: true,
      scimToken: '',
      crossAccountRoleName: '',
      endpoint: '',
      region: '',
      problems: {},
    };
  }
  const config = connector.config;
  return {
    name: connector.name,
    owners: connector.owners.join(', '),
    roleArn: config.roleArn ?? '',
    organizations: config.organizations ?? false,
    identityCenter: config.identityCenterRegion !== undefined,
    identityCenterRegion: config.identityCenterRegion ?? DEFAULT_IDENTITY_CENTER_REGION,
    scim: config.scimEndpoint !== undefined,
    scimEndpoint: config.scimEndpoint ?? '',
    replacingToken: !connector.hasScimToken,
    scimToken: '',
    crossAccountRoleName: config.crossAccountRoleName ?? '',
    endpoint: config.endpoint ?? '',
    region: config.region ?? '',
    // Saved settings today's rules refuse show at their fields until corrected.
    problems: Object.fromEntries(connector.configProblems.map((p) => [p.field, p.message])),
  };
}

export function parseOwners(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Step 1 when creating: the role's policy of step 2 is written for the features chosen here. */
export function newConnectorBody(form: SetupForm): NewConnector {
  return {
    name: form.name.trim(),
    owners: parseOwners(form.owners),
    config: { organizations: form.organizations, ...(form.identityCenter ? { identityCenterRegion: form.identityCenterRegion } : {}) },
  };
}

/** Step 1 of a saved connector: only its name and owners change. */
export function renameBody(form: SetupForm): ConnectorPatch {
  return { name: form.name.trim(), owners: parseOwners(form.owners) };
}

/** Whether step 1 would change nothing of the saved connector. */
export function nameAndOwnersUnchanged(form: SetupForm, connector: ConnectorView): boolean {
  return form.name.trim() === connector.name && parseOwners(form.owners).join(',') === connector.owners.join(',');
}

/** The saved SCIM token is only ever sent to the endpoint it was saved for: a new endpoint needs its token. */
export function scimEndpointMoved(form: SetupForm, connector: ConnectorView): boolean {
  return form.scim && connector.hasScimToken && form.scimEndpoint.trim() !== (connector.config.scimEndpoint ?? '');
}

/** Whether step 3 shows the SCIM token's input rather than "A token is saved". */
export function asksScimToken(form: SetupForm, connector: ConnectorView): boolean {
  return form.replacingToken || scimEndpointMoved(form, connector);
}

/** What keeps step 3 from being sent, by field; empty when it can be. */
export function roleSettingsProblems(form: SetupForm, connector: ConnectorView): Record<string, string> {
  const found: Record<string, string> = {};
  if (form.scim && !form.scimEndpoint.trim()) found['config.scimEndpoint'] = 'Enter the SCIM endpoint, or turn the SCIM API off.';
  if (form.scim && form.replacingToken && !form.scimToken && !connector.hasScimToken) found.scimToken = 'Enter the SCIM access token, or turn the SCIM API off.';
  if (scimEndpointMoved(form, connector) && !form.scimToken) {
    found.scimToken = 'The SCIM endpoint changed: enter the access token for the new endpoint. The saved token is only sent to the endpoint it was saved for.';
  }
  return found;
}

/**
 * Step 3 as a PATCH: an empty optional field clears the setting; turning SCIM off forgets the saved token; a token
 * is sent only when one was asked for and typed (the region, which has no "none", only when given).
 */
export function roleSettingsBody(form: SetupForm, connector: ConnectorView): ConnectorPatch {
  const config: ConfigPatch = {
    roleArn: form.roleArn.trim() || null,
    organizations: form.organizations,
    identityCenterRegion: form.identityCenter ? form.identityCenterRegion : null,
    scimEndpoint: form.scim ? form.scimEndpoint.trim() : null,
    crossAccountRoleName: form.crossAccountRoleName.trim() || null,
    endpoint: form.endpoint.trim() || null,
    ...(form.region.trim() ? { region: form.region.trim() } : {}),
  };
  const body: ConnectorPatch = { config };
  if (!form.scim && connector.hasScimToken) body.scimToken = null;
  else if (form.scim && asksScimToken(form, connector) && form.scimToken) body.scimToken = form.scimToken;
  return body;
}
