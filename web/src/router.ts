import { useEffect, useState, type ReactNode } from 'react';
import type { Needs } from './auth/session.tsx';

/** A tiny router over the History API: the UI has a handful of pages, not worth a dependency. */

const listeners = new Set<() => void>();

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  for (const l of listeners) l();
}

window.addEventListener('popstate', () => {
  for (const l of listeners) l();
});

export type Location = { path: string; query: URLSearchParams };

export function useLocation(): Location {
  const [, setTick] = useState(0);
  useEffect(() => {
    const l = () => setTick((n) => n + 1);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

/** Replaces the query string of the current page (filters, dates) without adding history entries. */
export function setQuery(values: Record<string, string | undefined>): void {
  const q = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === '') q.delete(k);
    else q.set(k, v);
  }
  const s = q.toString();
  navigate(`${location.pathname}${s ? `?${s}` : ''}`, { replace: true });
}

/**
 * One entry of a capability's route table: a path (exact, or a pattern whose groups become `params`), what the
 * page needs, and the page. Tables are tried in order, so a fixed path goes before a pattern that would match it.
 */
export type Route = { path: string | RegExp; needs: Needs; page: (params: string[]) => ReactNode };

/** The first route that matches `path`, with its pattern's groups; undefined when none does. */
export function matchRoute(routes: readonly Route[], path: string): { route: Route; params: string[] } | undefined {
  for (const route of routes) {
    if (typeof route.path === 'string') {
      if (route.path === path) return { route, params: [] };
      continue;
    }
    const m = route.path.exec(path);
    if (m) return { route, params: m.slice(1).map((p) => p ?? '') };
  }
  return undefined;
}
