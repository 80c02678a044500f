import { useEffect, useRef, useState } from 'react';

async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied (no permission, not focused): fall through to the older way.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok: boolean;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

/** Copies `text`; where the browser refuses, shows the text selected so that Ctrl+C / ⌘C copies it. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const manualRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (state === 'copied') {
      const t = setTimeout(() => setState('idle'), 2000);
      return () => clearTimeout(t);
    }
    if (state === 'manual') manualRef.current?.select();
    return undefined;
  }, [state]);
  return (
    <span className="copy">
      <button type="button" className="button secondary small" onClick={() => void copyText(text).then((ok) => setState(ok ? 'copied' : 'manual'))}>
        {state === 'copied' ? 'Copied' : label}
      </button>
      <span className="visually-hidden" aria-live="polite">
        {state === 'copied' ? 'Copied to the clipboard' : ''}
      </span>
      {state === 'manual' && (
        <span className="copy-manual">
          <textarea ref={manualRef} readOnly value={text} aria-label={`${label}: text to copy`} rows={Math.min(4, text.split('\n').length)} onFocus={(e) => e.currentTarget.select()} />
          <span className="hint">The browser did not allow copying: the text is selected, press Ctrl+C (⌘C on a Mac).</span>
        </span>
      )}
    </span>
  );
}

export function CodeBlock({ code, label }: { code: string; label: string }) {
  return (
    <div className="code-block">
      <div className="code-block-bar">
        <CopyButton text={code} label={label} />
      </div>
      <pre tabIndex={0}>
        <code>{code}</code>
      </pre>
    </div>
  );
}
