/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // better-sqlite3 and Prisma are already external server packages in Next 16.
};

export default nextConfig;
