/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// In development (`npm run dev`), the API runs beside on 127.0.0.1:8000.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/api": "http://127.0.0.1:8000",
      "/demo": "http://127.0.0.1:8000",
    },
  },
  build: {
    outDir: "dist",
    sourcemap: true,
    // Pages load with their route (src/components/lazyPage.tsx); the heavy libraries get
    // chunks of their own, fetched only by the pages that draw maps or charts and cached
    // across releases of the pages. Initial script size: frontend/README.md.
    chunkSizeWarningLimit: 450, // recharts alone is ~430 kB (chart pages only)
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // React and the router are needed by every page: one chunk, loaded at once.
            {
              name: "vendor-react",
              priority: 20,
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack|cookie|set-cookie-parser)[\\/]/,
            },
            { name: "vendor-leaflet", test: /node_modules[\\/](leaflet|react-leaflet|@react-leaflet)[\\/]/ },
            {
              name: "vendor-recharts",
              test: /node_modules[\\/](recharts|d3-[^\\/]+|victory-vendor|es-toolkit|immer|redux|@reduxjs|reselect|decimal\.js-light|react-redux|use-sync-external-store|eventemitter3|tiny-invariant|clsx)[\\/]/,
            },
          ],
        },
      },
    },
  },
  test: {
    // Plain modules are tested in Node; component tests say `// @vitest-environment
    // happy-dom` (a DOM for tests, faster to start than jsdom). Worker threads start faster
    // than child processes; each file still runs isolated.
    environment: "node",
    pool: "threads",
    globals: true,
    setupFiles: ["src/test-setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
  },
});
