// The web layer's public surface; import from here rather than from individual files.
export { createWebServer, type WebLogger, type WebServer, type WebServerOptions } from './createWebServer';
export { loadWebConfig, webConfigFiles } from './loadWebConfig';
export { parseWebConfig, checkWebConfig } from './parseWebConfig';
export { WebConfigError } from './WebConfigError';
export type { PasswordComparator } from './createBasicAuthVerifier';
export type { RequestHandler } from './createRequestGuard';
export type {
  ClientAuthType,
  HttpServerConfig,
  RateLimitConfig,
  TlsServerConfig,
  TlsVersion,
  WebConfig,
} from './WebConfig';
