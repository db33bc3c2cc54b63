/** @type {import('next').NextConfig} */
const nextConfig = {
  // dockerode and its transport stay plain Node modules: bundling them breaks their optional
  // native parts (ssh2, cpu-features) and would give route handlers a second copy.
  serverExternalPackages: ['dockerode', 'docker-modem', 'ssh2', 'cpu-features'],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
};

export default nextConfig;
