import { setQuery } from '../router.ts';
import type { ConnectorView } from '../types.ts';
import { Field } from './form.tsx';

/** The list pages' Connector filter, kept in the URL (`connectorId`) so that a shared link shows the same list. */
export function ConnectorFilter({ connectors, value, disabled }: { connectors: ConnectorView[]; value: string | undefined; disabled?: boolean }) {
  return (
    <Field label="Connector">
      <select value={value ?? ''} onChange={(e) => setQuery({ connectorId: e.target.value })} disabled={disabled}>
        <option value="">All connectors</option>
        {connectors.map((c) => (
          <option key={c.id} value={c.id}>
            {c.archivedAt ? `${c.name} (archived)` : c.name}
          </option>
        ))}
      </select>
    </Field>
  );
}
