import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError } from './api.ts';
import { App } from './app.tsx';
import { authKeys } from './auth/query-keys.ts';
import './styles.css';

// A 401 while signed in means the session ended (expired, signed out elsewhere): asking /api/me again sends the UI to
// sign-in. Not for /api/me itself (that answer is what shows sign-in), nor before anyone is signed in (a wrong password).
function onError(error: unknown, queryKey?: readonly unknown[]): void {
  if (!(error instanceof ApiError) || error.status !== 401) return;
  if (queryKey?.[0] === authKeys.me()[0] || queryClient.getQueryData(authKeys.me()) === undefined) return;
  void queryClient.invalidateQueries({ queryKey: authKeys.me() });
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => onError(error, query.queryKey) }),
  mutationCache: new MutationCache({ onError: (error) => onError(error) }),
  defaultOptions: {
    queries: {
      // A 4xx answer will not change by asking again; a dropped connection or a 5xx might.
      retry: (failureCount, error) => !(error instanceof ApiError && error.status < 500) && failureCount < 2,
      staleTime: 5_000,
    },
    mutations: { retry: false },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
