import { Fragment } from 'react';
import { KEY_NAMES, REVIEW_KEYS } from './review-keys.ts';

/** The keys of My reviews, shown on the page (and in the `?` dialog). */
export function ReviewKeysLegend({ compact = false }: { compact?: boolean }) {
  return (
    <dl className={compact ? 'key-legend compact' : 'key-legend'} aria-label="Keyboard shortcuts">
      {REVIEW_KEYS.map((k) => (
        <Fragment key={k.action}>
          <dt>
            {k.keys.map((key, i) => (
              <Fragment key={key}>
                {i > 0 && ' '}
                <kbd>{KEY_NAMES[key] ?? key}</kbd>
              </Fragment>
            ))}
          </dt>
          <dd>{k.label}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
