import { defineConfig } from 'vite';

// The explorer is a static site: relative base so the build works from any folder.
export default defineConfig({
  base: './',
  build: { outDir: 'dist', target: 'es2022', sourcemap: false },
  preview: { host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
});
