// Bulk upload: the rule across the files of one batch. Matching is per file (bulk-match.ts); a batch may still hold
// two files for one request, and which one is right is for a person to say.

export type StagedFile = { pendingId: string; referenceNumber: string } | null;

/**
 * The positions of the staged files whose request another staged file of the batch also matched: none of them is
 * saved in bulk (the server keeps only one pending upload per user and request anyway, the later one).
 */
export function duplicateFiles(files: readonly StagedFile[]): Set<number> {
  const positions = new Map<string, number[]>();
  files.forEach((file, i) => {
    if (file) positions.set(file.referenceNumber, [...(positions.get(file.referenceNumber) ?? []), i]);
  });
  return new Set([...positions.values()].filter((list) => list.length > 1).flat());
}
