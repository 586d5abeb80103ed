import clsx from "clsx";
import type { ReactNode } from "react";

/** A titled section of a details page; prints without breaking across pages where it can. */
export function Panel({
  id,
  headingId,
  title,
  children,
  className,
}: {
  id?: string;
  headingId: string;
  title: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section
      id={id}
      aria-labelledby={headingId}
      className={clsx("break-inside-avoid rounded-lg border border-gray-200 bg-white p-4 print:border-gray-400", className)}
    >
      <h2 id={headingId} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
