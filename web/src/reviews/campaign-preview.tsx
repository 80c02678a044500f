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
          <table className="data compact">
            <caption>By type</caption>
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col" className="num">
                  Items
                </th>
              </tr>
            </thead>
            <tbody>
              {(Object.entries(preview.data.byKind) as [ReviewItemKind, number][]).map(([kind, n]) => (
                <tr key={kind}>
                  <td>{KIND_LABELS[kind] ?? kind}</td>
                  <td className="num">{n.toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="data compact">
            <caption>By reviewer (stage 1)</caption>
            <thead>
              <tr>
                <th scope="col">Reviewer</th>
                <th scope="col" className="num">
                  Items
                </th>
              </tr>
            </thead>
            <tbody>
              {preview.data.byReviewer.map((r) => (
                <tr key={r.reviewer?.id ?? 'none'}>
                  <td>{r.reviewer ? r.reviewer.displayName : <em>Nobody eligible</em>}</td>
                  <td className="num">{r.items.toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">
            {preview.data.selfReviewReassignments.toLocaleString()} items passed over a reviewer who holds them; {preview.data.noEligibleReviewer.toLocaleString()} have nobody eligible.
          </p>
        </div>
      )}
    </section>
  );
}
