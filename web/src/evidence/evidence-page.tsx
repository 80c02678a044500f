import { useState, type FormEvent } from 'react';
import { ApiError } from '../api.ts';
import { CopyButton } from '../ui/copy.tsx';
import { Empty, ErrorBox, Loading } from '../ui/feedback.tsx';
import { Field, fieldError, FormError } from '../ui/form.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { formatDate } from '../ui/when.ts';
import { downloadHref, useEvidenceKinds, useEvidencePacks, useEvidencePublicKey, useMakePack, type MakePackBody, type PackView } from './queries.ts';
import '../ui/pages.css';

/** Evidence packs: make one of a report kind, follow its making, download it; and the key to verify packs with. */
export function EvidencePage() {
  const packs = useEvidencePacks();
  const key = useEvidencePublicKey();
  return (
    <div className="page evidence-page">
      <PageHeader
        title="Evidence"
        subtitle="Signed evidence packs: each report as PDF, CSV and JSON, with a manifest of their SHA-256 signed by RRCU's key. Verify one with `rrcu evidence verify` or the openssl recipe in the README."
      />
      <MakePackForm />
      <section aria-label="Evidence packs">
        <h2>Packs</h2>
        {packs.isPending ? <Loading /> : packs.isError ? <ErrorBox error={packs.error} /> : packs.data.items.length === 0 ? <Empty title="No evidence packs yet" /> : <PackTable packs={packs.data.items} />}
      </section>
      <section aria-label="Signing key">
        <h2>Signing key</h2>
        {key.isPending ? <Loading /> : key.isError ? <ErrorBox error={key.error} /> : (
          <>
            <p>
              Ed25519, fingerprint (SHA-256 of its DER) <code>{key.data.fingerprint}</code> <CopyButton text={key.data.fingerprint} label="Copy fingerprint" />
            </p>
            <details>
              <summary>Public key (PEM)</summary>
              <pre>{key.data.publicKeyPem}</pre>
              <CopyButton text={key.data.publicKeyPem} label="Copy public key" />
            </details>
          </>
        )}
      </section>
    </div>
  );
}

function PackTable({ packs }: { packs: readonly PackView[] }) {
  return (
    <div className="table-wrap">
      <table className="data">
        <caption className="visually-hidden">Evidence packs, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Made</th>
            <th scope="col">Kind</th>
            <th scope="col">By</th>
            <th scope="col">Status</th>
            <th scope="col">SHA-256</th>
            <th scope="col"><span className="visually-hidden">Download</span></th>
          </tr>
        </thead>
        <tbody>
          {packs.map((p) => (
            <tr key={p.id}>
              <td>{formatDate(p.madeAt)}</td>
              <td>
                {p.kind}
                <div className="muted small">{Object.entries(p.parameters).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' · ')}</div>
              </td>
              <td>{p.madeByName ?? p.madeBy}</td>
              <td>
                <StatusBadge status={p.status} />
                {p.status === 'running' && <progress max={100} value={p.progress} aria-label={`Pack ${p.id} progress`}>{p.progress}%</progress>}
                {p.error && <div className="muted small">{p.error}</div>}
              </td>
              <td>{p.sha256 ? <code title={p.sha256}>{p.sha256.slice(0, 16)}…</code> : '—'}</td>
              <td>
                {p.status === 'done' && (
                  <a className="button secondary" href={downloadHref(p.id)} download>
                    Download
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A kind and its parameters as JSON (each kind's are listed by GET /api/evidence/kinds). */
function MakePackForm() {
  const kinds = useEvidenceKinds();
  const make = useMakePack();
  const [kind, setKind] = useState('');
  const [parameters, setParameters] = useState('{}');
  const [jsonError, setJsonError] = useState<string | undefined>();
  // The report's own check names the parameter (`parameters.at`); the one JSON box says which.
  const parameterProblem = make.error instanceof ApiError ? make.error.fields.find((f) => f.field.startsWith('parameters.')) : undefined;
  const parametersError = jsonError ?? (parameterProblem ? `${parameterProblem.field.slice('parameters.'.length)}: ${parameterProblem.message}` : fieldError(make.error, 'parameters'));
  const chosen = kind || kinds.data?.items[0]?.kind || '';
  const schema = kinds.data?.items.find((k) => k.kind === chosen)?.parameters;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(parameters);
    } catch {
      setJsonError('Parameters must be a JSON object, e.g. {"connectorId": "…", "at": "2026-03-31T23:59:59Z"}');
      return;
    }
    setJsonError(undefined);
    make.mutate({ kind: chosen, parameters: parsed } as MakePackBody);
  };

  return (
    <form className="card" onSubmit={submit} aria-label="Make an evidence pack">
      <h2>Make a pack</h2>
      {kinds.isError && <ErrorBox error={kinds.error} />}
      <Field label="Report">
        <select value={chosen} onChange={(e) => setKind(e.target.value)}>
          {kinds.data?.items.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.kind}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Parameters (JSON)" error={parametersError}>
        <textarea rows={4} value={parameters} onChange={(e) => setParameters(e.target.value)} spellCheck={false} />
      </Field>
      {schema !== undefined && (
        <details>
          <summary>What this report takes (JSON Schema)</summary>
          <pre>{JSON.stringify(schema, null, 2)}</pre>
        </details>
      )}
      <FormError error={make.error} fields={['parameters']} />
      {make.isSuccess && <p role="status">Pack asked for: it is listed below while it is being made.</p>}
      <button type="submit" className="button" disabled={!chosen || make.isPending} aria-busy={make.isPending}>
        {make.isPending ? 'Asking…' : 'Make pack'}
      </button>
    </form>
  );
}
