import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The UI is served by RRCU's own server from web/dist; `npm run dev:web` proxies /api to a running `npm start`.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1024 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
