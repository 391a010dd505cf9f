// Vite's ambient types for the dashboard: `?url` asset imports (the world-atlas basemap) and
// CSS side-effect imports resolve to what Vite produces at build time.
/// <reference types="vite/client" />
