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
  // The stylesheet goes into the page as a <style> (production builds): a <link> held the parser at
  // the theme boot script (an inline script waits for every stylesheet above it) and the first paint
  // until the browser had read the file from its cache, 50–140 ms after the HTML had arrived (issue
  // 18, "the first screen"). Full page loads carry ~40 kB more; client-side navigations do not. The
  // two copies Next also puts into the page's flight data are emptied on the way out
  // (server/http/flight-css.ts).
  experimental: { inlineCss: true },
};

export default nextConfig;
