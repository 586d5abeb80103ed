// The BatchID of a transmission batch (contracts §4): TRMS-<college code>-<night>-<sequence>, e.g.
// TRMS-SENE-2026-12-01-001. It is the batch's `webhook-id`, the same on every attempt: the college drops a repeat by it.

const BATCH_ID = /^TRMS-([A-Z0-9]{2,8})-(\d{4}-\d{2}-\d{2})-(\d{3,4})$/;

export function batchIdOf(collegeCode: string, night: string, sequence: number): string {
  return `TRMS-${collegeCode}-${night}-${String(sequence).padStart(3, "0")}`;
}

export function parseBatchId(batchId: string): { collegeCode: string; night: string; sequence: number } | null {
  const m = BATCH_ID.exec(batchId);
  return m ? { collegeCode: m[1]!, night: m[2]!, sequence: Number(m[3]) } : null;
}
