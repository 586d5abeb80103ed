import "server-only";
import { isOcasAdmin, type Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { LOG_PAGE_SIZE, type TransmissionLogFilters } from "@/lib/domain/transmission/log-filters";

// The Transmission Log (contracts §4, "Log"): the batches, newest first, 50 a page, filtered by college, night and
// state. OCAS administrators only.

const BATCH_ROW_SELECT = {
  batchId: true,
  night: true,
  status: true,
  itemCount: true,
  byteSize: true,
  attempts: true,
  lastError: true,
  createdAt: true,
  builtAt: true,
  deliveredAt: true,
  downloadedAt: true,
  college: { select: { code: true, nameEn: true, nameFr: true } },
} as const;

export type TransmissionBatchRow = {
  batchId: string;
  night: string;
  status: string;
  itemCount: number;
  byteSize: number;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  builtAt: Date | null;
  deliveredAt: Date | null;
  downloadedAt: Date | null;
  college: { code: string; nameEn: string; nameFr: string };
};

export type TransmissionLogPage = { rows: TransmissionBatchRow[]; total: number; page: number; pageCount: number; pageSize: number };

/** One page of the log; null for anyone but an OCAS administrator. A page past the end is the last page. */
export async function listTransmissionBatches(options: {
  actor: Pick<Actor, "role">;
  filters: TransmissionLogFilters;
  pageSize?: number;
}): Promise<TransmissionLogPage | null> {
  if (!isOcasAdmin(options.actor)) return null;
  const { filters } = options;
  const pageSize = options.pageSize ?? LOG_PAGE_SIZE;
  const where = {
    ...(filters.college ? { college: { code: filters.college } } : {}),
    ...(filters.night ? { night: filters.night } : {}),
    ...(filters.state ? { status: filters.state } : {}),
  };
  const total = await db.transmissionBatch.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, filters.page), pageCount);
  const rows = await db.transmissionBatch.findMany({
    where,
    // Newest first; batches of one run are told apart by their BatchID (college, night, sequence).
    orderBy: [{ createdAt: "desc" }, { batchId: "desc" }],
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: BATCH_ROW_SELECT,
  });
  return { rows, total, page, pageCount, pageSize };
}
