import "server-only";
import { db } from "@/lib/db";

/** True when the database answers a query. */
export async function checkHealth(): Promise<boolean> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}
