/**
 * The console's Content-Security-Policy: only its own bundled scripts and styles, no remote content,
 * no eval, no inline script. `connect-src 'self'` lets the browser build reach the loopback transport;
 * in Electron there is no network use at all (IPC does not go through fetch).
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
