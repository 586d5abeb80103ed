// A college's delivery endpoint as the Colleges page shows it (contracts §4, §10): working, or turned off because the
// college answered 410, or not in use for a reason an administrator can fix. The same conditions as
// lib/server/transmission/college-endpoint.ts isDeliverable: only "working" endpoints are sent batches.

export type EndpointState = "working" | "disabled" | "inactive" | "noUrl" | "noSecret";

export function collegeEndpointState(college: {
  active: boolean;
  deliveryUrl: string | null;
  hasSecret: boolean;
  deliveryDisabledAt: Date | null;
}): EndpointState {
  if (college.deliveryDisabledAt !== null) return "disabled";
  if (!college.active) return "inactive";
  if (!college.deliveryUrl) return "noUrl";
  if (!college.hasSecret) return "noSecret";
  return "working";
}
