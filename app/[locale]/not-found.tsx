import { NotFoundBody } from "@/components/layout/not-found-body";

// The 404 of the public pages. The signed-in pages have theirs inside their layout, under its header
// (app/[locale]/(app)/not-found.tsx); unknown paths are caught there ((app)/[...rest]).
export default function NotFound() {
  return (
    <main id="main">
      <NotFoundBody />
    </main>
  );
}
