/** @type {import('next').NextConfig} */
const nextConfig = {
  // dockerode and its transport stay plain Node modules: bundling them breaks their optional
  // native parts (ssh2, cpu-features) and would give route handlers a second copy.
  serverExternalPackages: ['dockerode', 'docker-modem', 'ssh2', 'cpu-features'],
  // Lets a second build live beside the main one (e.g. a test run while someone else rebuilds).
  distDir: process.env.DOCKSIDE_DIST_DIR || '.next',
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  // `npm test` type-checks the whole project (tests included) with `tsc --noEmit` first; the build
  // does not repeat it, so a test file never blocks building the app.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
