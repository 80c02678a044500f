import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { ConnectorView } from '../types.ts';
import { ErrorBox, Loading } from '../ui/feedback.tsx';
import { Link } from '../ui/link.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { awaitingSync } from './queries.ts';

export function ConnectorStatus({ connector }: { connector: ConnectorView }) {
  if (connector.archivedAt) return <StatusBadge status="archived" />;
  if (connector.status !== 'syncing' && awaitingSync(connector)) return <StatusBadge status="queued" />;
  return <StatusBadge status={connector.status} />;
}

/** A connector's pages until it loads, or when it cannot: the error, and the way back to the list. */
export function ConnectorNotLoaded({ query }: { query: UseQueryResult<ConnectorView> }) {
  if (query.isPending) return <Loading label="Loading connector…" />;
  return (
    <>
      <Link href="/connectors" className="back-link">
        ← Connectors
      </Link>
      <ErrorBox error={query.error} />
    </>
  );
}


/** The way back to the list and the connector's name, status and kind, live or archived. */
export function ConnectorHeader({ connector: c, actions }: { connector: ConnectorView; actions: ReactNode }) {
  return (
    <>
      <Link href="/connectors" className="back-link">
        ← Connectors
      </Link>
      <PageHeader
        title={c.name}
        subtitle={
          <>
            <ConnectorStatus connector={c} /> AWS connector{c.simulated ? ' · built-in simulator' : ''}
          </>
        }
        actions={actions}
      />
    </>
  );
}
