import clsx from "clsx";
import type { ComponentProps, ReactNode } from "react";

// The app's data tables (architecture, "Look and feel"): sticky header, compact rows, dividers, numbers
// right-aligned. No hooks, so that server and client components alike can use them.

type TableProps = Omit<ComponentProps<"table">, "className"> & {
  /** The table's name, for screen readers only unless `showCaption` (when no heading nearby already says it). */
  caption?: ReactNode;
  showCaption?: boolean;
  /** For a region or a link that points at the caption. */
  captionId?: string;
};

export function Table({ caption, showCaption = false, captionId, children, ...props }: TableProps) {
  return (
    <table className="w-full border-collapse text-left text-sm" {...props}>
      {caption !== undefined && (
        <caption id={captionId} className={showCaption ? "mb-2 text-left font-semibold" : "sr-only"}>
          {caption}
        </caption>
      )}
      {children}
    </table>
  );
}

/**
 * The one header row. The line under it is a shadow, not a border: a collapsed border scrolls away with the
 * rows while the sticky header stays.
 */
export function TableHead({ children }: { children: ReactNode }) {
  return (
    <thead className="sticky top-0 z-10 bg-gray-50 text-xs uppercase tracking-wide text-gray-700 shadow-[0_1px_0_#d1d5db]">
      <tr>{children}</tr>
    </thead>
  );
}

export function TableBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-gray-200 bg-white align-top">{children}</tbody>;
}

type CellProps = {
  /** Right-aligned figures of equal width, so that a column of numbers lines up. */
  numeric?: boolean;
};

const NUMERIC = "text-right tabular-nums whitespace-nowrap";

/** A column header (`scope="col"`) in the header row, or the row's header (`scope="row"`), usually its first cell. */
export function Th({ scope, numeric, className, ...props }: ComponentProps<"th"> & CellProps & { scope: "col" | "row" }) {
  return (
    <th
      scope={scope}
      className={clsx(scope === "col" ? "px-2 py-2 font-semibold" : "px-2 py-1.5 font-medium", numeric ? NUMERIC : "text-left", className)}
      {...props}
    />
  );
}

export function Td({ numeric, className, ...props }: ComponentProps<"td"> & CellProps) {
  return <td className={clsx("px-2 py-1.5", numeric && NUMERIC, className)} {...props} />;
}
