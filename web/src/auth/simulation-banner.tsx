import { Link } from '../ui/link.tsx';

/**
 * Shown on every page while RRCU runs against its built-in simulated AWS organisation, so nobody mistakes its
 * data for their real AWS: the way out is to connect a real organisation.
 */
export function SimulationBanner({ simulated, canConnect }: { simulated: boolean; canConnect: boolean }) {
  if (!simulated) return null;
  return (
    <div className="sim-banner" role="note" aria-label="Simulated organisation">
      <strong>Simulated organisation.</strong> The AWS data shown comes from RRCU's built-in simulator, not from a real AWS organisation.{' '}
      {canConnect ? (
        <>
          To connect a real one, <Link href="/connectors/new">add a connector</Link> with the role RRCU may assume in your AWS management account.
        </>
      ) : (
        <>A Connector Administrator can connect a real one under Connectors → Add connector.</>
      )}
    </div>
  );
}
