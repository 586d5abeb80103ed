import { NotFoundBody } from "@/components/layout/not-found-body";

// The 404 of the signed-in pages (an unknown path, or a request out of scope), inside their layout: it keeps the
// header. The layout has already loaded the actor; this page loads nothing, since Next renders it with every page.
export default function NotFound() {
  return <NotFoundBody />;
}
