import { z } from "zod";
import { REFERENCE_NUMBER_PATTERN } from "../reference-number";

// A college's receipt for a batch (contracts §4): in the 2xx body of the delivery, or later by
// POST /api/v1/college-receipts. CONFIRMED: received and readable; RESUBMIT: send it again (with a reason).

export const RECEIPT_MAX_ITEMS = 1_000;

export const ReceiptSchema = z.object({
  batchId: z.string().min(1).max(60),
  items: z
    .array(
      z.object({
        referenceNumber: z.string().regex(REFERENCE_NUMBER_PATTERN),
        status: z.enum(["CONFIRMED", "RESUBMIT"]),
        reason: z.string().trim().min(1).max(500).optional(),
      }),
    )
    .min(1)
    .max(RECEIPT_MAX_ITEMS),
});

export type Receipt = z.infer<typeof ReceiptSchema>;
export type ReceiptItem = Receipt["items"][number];
