import { defineConfig } from "prisma/config";
import { databaseUrl, isPostgres, migrationsPath, schemaPath, sqlitePath } from "./lib/database-url.mjs";

// Prisma 6.19 with the JS engine and driver adapters: everything works offline (docs/decisions/0001).
const url = databaseUrl();

export default defineConfig({
  schema: schemaPath(url),
  migrations: { path: migrationsPath(url) },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    if (isPostgres(url)) {
      await import("./scripts/pg-catalog-patch.mjs");
      const { PrismaPg } = await import("@prisma/adapter-pg");
      return new PrismaPg({ connectionString: url });
    }
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSQLite3({ url: sqlitePath(url) });
  },
});
