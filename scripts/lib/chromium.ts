// Debian's Chromium as the e2e tests and the benchmark start it. Playwright's own browser download
// is unreachable offline; these flags keep Chromium off the (closed) network — otherwise it
// retries Google's hosts at every start — and let it run as root in CI containers.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
