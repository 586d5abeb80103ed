import "server-only";

// Whether a college's batches can be sent (contracts §4): an active college with a delivery URL and a signing secret,
// whose endpoint has not answered 410 since it was last saved. Otherwise its batches wait for download.
export function isDeliverable(college: {
  active: boolean;
  deliveryUrl: string | null;
  deliverySecret: string | null;
  deliveryDisabledAt: Date | null;
}): boolean {
  return college.active && Boolean(college.deliveryUrl) && Boolean(college.deliverySecret) && college.deliveryDisabledAt === null;
}

/** The same, as a query condition. */
export function deliverableCollegeWhere() {
  return { active: true, deliveryUrl: { not: null }, deliverySecret: { not: null }, deliveryDisabledAt: null };
}
