// The web layer's public surface; import from here rather than from individual files.
export { createWebServer, type WebServer } from './createWebServer';
export { WebConfigError } from './WebConfigError';
export { loadWebConfig } from './loadWebConfig';
