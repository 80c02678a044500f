import type { ReactNode } from 'react';
import { ErrorBox } from '../ui/feedback.tsx';
import { Link } from '../ui/link.tsx';
import { useDebounced } from '../ui/use-debounced.ts';
import { KIND_LABELS } from './labels.ts';
import { usePreview } from './queries.ts';
import type { CreateCampaignInput, ReviewItemKind } from './types.ts';

// Long enough that typing a list of account ids asks once, short enough to feel live.
const PREVIEW_AFTER_MS = 600;

/** The population the draft would take now, by kind and by reviewer: asked again once the form rests. */
export function CampaignPreview({ input }: { input: CreateCampaignInput | null }) {
  const settled = useDebounced(input, PREVIEW_AFTER_MS);
  const preview = usePreview(settled);
  const stale = input !== settled || preview.isFetching;
  return (
    <section className="panel campaign-preview" aria-label="Preview" aria-busy={stale}>
      <h2>Preview</h2>
      {input === null ? (
        <p className="muted">Choose a connector and a fallback reviewer to see who and what this campaign would review.</p>
      ) : preview.isError ? (
        <ErrorBox error={preview.error} title="No preview for this scope" />
      ) : !preview.data ? (
        <p className="muted">Counting…</p>
      ) : (
        <div className={stale ? 'preview-stale' : undefined}>
          <p className="preview-total">
            <strong>{preview.data.itemCount.toLocaleString()}</strong> items
            {preview.data.syncRunId !== null && (
              <>
                {' '}
                from <Link href={`/syncs/${preview.data.syncRunId}`}>sync #{preview.data.syncRunId}</Link>
              </>
            )}
            {stale && <span className="muted"> (updating…)</span>}
          </p>
          <CountTable caption="By type" heading="Type" rows={(Object.entries(preview.data.byKind) as [ReviewItemKind, number][]).map(([kind, n]) => [kind, KIND_LABELS[kind] ?? kind, n])} />
          <CountTable
            caption="By reviewer (stage 1)"
            heading="Reviewer"
            rows={preview.data.byReviewer.map((r) => [r.reviewer?.id ?? 'none', r.reviewer ? r.reviewer.displayName : <em>Nobody eligible</em>, r.items])}
          />
          <p className="hint">
            {preview.data.selfReviewReassignments.toLocaleString()} items passed over a reviewer who holds them; {preview.data.noEligibleReviewer.toLocaleString()} have nobody eligible.
          </p>
        </div>
      )}
    </section>
  );
}

/** A count per row (key, label, number), with its caption and column headers. */
function CountTable({ caption, heading, rows }: { caption: string; heading: string; rows: [string, ReactNode, number][] }) {
  return (
    <table className="data compact">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{heading}</th>
          <th scope="col" className="num">
            Items
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([key, label, n]) => (
          <tr key={key}>
            <td>{label}</td>
            <td className="num">{n.toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
