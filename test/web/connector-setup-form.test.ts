import { describe, expect, it } from 'vitest';
import {
  initialSetupForm,
  newConnectorBody,
  roleSettingsBody,
  roleSettingsProblems,
  setupFormReducer,
  type SetupForm,
} from '../../web/src/connectors/setup/setup-form.ts';
import type { ConnectorView } from '../../web/src/types.ts';

// The connector setup guide's form (web/src/connectors/setup/): one pure reducer and what it sends.

function connector(over: { config?: Partial<ConnectorView['config']>; configProblems?: ConnectorView['configProblems']; hasScimToken?: boolean } = {}): ConnectorView {
  return {
    id: 'c1',
    name: 'Production',
    kind: 'aws',
    owners: ['ops@example.com', 'sec@example.com'],
    config: { externalId: 'ext-1', organizations: true, region: 'us-east-1', ...over.config },
    configProblems: over.configProblems ?? [],
    hasScimToken: over.hasScimToken ?? false,
    status: 'not_connected',
    lastRun: null,
    simulated: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    archivedAt: null,
    archivedBy: null,
    archivedByName: null,
  } as ConnectorView;
}

const withScim = connector({ config: { scimEndpoint: 'https://scim.example/v2', identityCenterRegion: 'eu-west-1' }, hasScimToken: true });

function edit(form: SetupForm, changes: Partial<SetupForm>): SetupForm {
  return { ...form, ...changes };
}

describe('connector setup form', () => {
  it('starts a new connector owned by whoever creates it, reading Organizations and Identity Center in us-east-1', () => {
    const form = initialSetupForm(undefined, 'me@example.com');
    expect(form).toMatchObject({ name: '', owners: 'me@example.com', organizations: true, identityCenter: true, identityCenterRegion: 'us-east-1' });
    expect(initialSetupForm(undefined, null).owners).toBe('');
  });

  it('sends a new connector with its owners parsed and Identity Center only when chosen', () => {
    const form = edit(initialSetupForm(undefined, null), { name: '  Prod ', owners: 'a@x.com; b@x.com  c@x.com,', identityCenter: false });
    expect(newConnectorBody(form)).toEqual({ name: 'Prod', owners: ['a@x.com', 'b@x.com', 'c@x.com'], config: { organizations: true } });
  });

  it('starts from the saved connector, asking for a SCIM token only when none is saved', () => {
    expect(initialSetupForm(withScim, null)).toMatchObject({
      owners: 'ops@example.com, sec@example.com',
      identityCenter: true,
      identityCenterRegion: 'eu-west-1',
      scim: true,
      scimEndpoint: 'https://scim.example/v2',
      replacingToken: false,
    });
    expect(initialSetupForm(connector(), null)).toMatchObject({ identityCenter: false, scim: false, replacingToken: true, roleArn: '' });
  });

  it('starts a connector whose saved settings today\'s rules refuse with each problem at its field, and blanks (not "undefined") for what could not be read', () => {
    const saved = connector({ configProblems: [{ field: 'config.region', message: 'is missing' }, { field: 'config.organizations', message: 'Invalid input: expected boolean, received string (saved: "yes")' }] });
    const { externalId: _id, region: _region, organizations: _orgs, ...config } = saved.config;
    const form = initialSetupForm({ ...saved, config }, null);
    expect(form).toMatchObject({ region: '', organizations: false, roleArn: '' });
    expect(form.problems).toEqual({ 'config.region': 'is missing', 'config.organizations': 'Invalid input: expected boolean, received string (saved: "yes")' });
    expect(JSON.stringify(form)).not.toContain('undefined');
  });

  it('edits one field; Keep the saved token forgets what was typed; a save asks for a token again only if none is saved', () => {
    let form = setupFormReducer(initialSetupForm(withScim, null), { type: 'edit', field: 'roleArn', value: 'arn:aws:iam::1:role/R' });
    expect(form.roleArn).toBe('arn:aws:iam::1:role/R');
    form = setupFormReducer(form, { type: 'replace-token' });
    form = setupFormReducer(form, { type: 'edit', field: 'scimToken', value: 'secret' });
    expect(form).toMatchObject({ replacingToken: true, scimToken: 'secret' });
    expect(setupFormReducer(form, { type: 'keep-token' })).toMatchObject({ replacingToken: false, scimToken: '' });
    expect(setupFormReducer(form, { type: 'saved', connector: withScim })).toMatchObject({ replacingToken: false, scimToken: '' });
    expect(setupFormReducer(form, { type: 'saved', connector: connector() })).toMatchObject({ replacingToken: true, scimToken: '' });
  });

  it('keeps what Save found wrong until the next check', () => {
    const form = setupFormReducer(initialSetupForm(connector(), null), { type: 'checked', problems: { scimToken: 'Enter it' } });
    expect(form.problems).toEqual({ scimToken: 'Enter it' });
    expect(setupFormReducer(form, { type: 'checked', problems: {} }).problems).toEqual({});
  });

  it('refuses SCIM without an endpoint, without a token when none is saved, and a moved endpoint without its token', () => {
    const base = initialSetupForm(connector(), null);
    expect(roleSettingsProblems(edit(base, { scim: true }), connector())).toEqual({
      'config.scimEndpoint': 'Enter the SCIM endpoint, or turn the SCIM API off.',
      scimToken: 'Enter the SCIM access token, or turn the SCIM API off.',
    });
    const moved = edit(initialSetupForm(withScim, null), { scimEndpoint: 'https://other.example/v2' });
    expect(Object.keys(roleSettingsProblems(moved, withScim))).toEqual(['scimToken']);
    expect(roleSettingsProblems(edit(moved, { scimToken: 't' }), withScim)).toEqual({});
    expect(roleSettingsProblems(initialSetupForm(withScim, null), withScim)).toEqual({});
  });

  it('sends step 3 with empty settings cleared, the region only when given, and a token only when asked for and typed', () => {
    const form = edit(initialSetupForm(connector(), null), { roleArn: ' arn:aws:iam::1:role/R ', region: ' ', crossAccountRoleName: '' });
    expect(roleSettingsBody(form, connector())).toEqual({
      config: { roleArn: 'arn:aws:iam::1:role/R', organizations: true, identityCenterRegion: null, scimEndpoint: null, crossAccountRoleName: null, endpoint: null },
    });
    expect(roleSettingsBody(initialSetupForm(withScim, null), withScim).scimToken).toBeUndefined();
    expect(roleSettingsBody(edit(initialSetupForm(withScim, null), { scim: false }), withScim).scimToken).toBeNull();
    const replaced = edit(initialSetupForm(withScim, null), { replacingToken: true, scimToken: 'new' });
    expect(roleSettingsBody(replaced, withScim)).toMatchObject({ config: { scimEndpoint: 'https://scim.example/v2', identityCenterRegion: 'eu-west-1', region: 'us-east-1' }, scimToken: 'new' });
  });
});
