"use client";

import { useState, type DragEvent, type RefObject } from "react";
import clsx from "clsx";
import { UploadCloud } from "lucide-react";
import { useTranslations } from "next-intl";

type Props = {
  inputRef: RefObject<HTMLInputElement | null>;
  busy: boolean;
  /** Files chosen so far. */
  count: number;
  limitMb: number;
  maxFiles: number;
  onChoose: (files: File[]) => void;
};

/** The file input inside a zone that takes dropped files too; both choose the batch. */
export function BulkDropZone({ inputRef, busy, count, limitMb, maxFiles, onChoose }: Props) {
  const t = useTranslations("bulkUpload");
  const [dragging, setDragging] = useState(false);

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    if (busy) return;
    const dropped = Array.from(e.dataTransfer.files);
    // The input then lists the dropped files too.
    if (inputRef.current) inputRef.current.files = e.dataTransfer.files;
    onChoose(dropped);
  };

  return (
    <div
      onDragOver={(e) => {
        e.preventDefault();
        if (!busy) setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      className={clsx(
        "flex flex-col items-center gap-2 rounded-lg border-2 border-dashed px-4 py-6 text-center",
        dragging ? "border-brand-700 bg-brand-50" : "border-gray-300 bg-gray-50",
      )}
    >
      <UploadCloud aria-hidden className="h-8 w-8 text-gray-600" />
      <p id="bulk-drop-hint" className="text-sm text-gray-800">
        {t("dropHint")}
      </p>
      <label htmlFor="bulk-files" className="text-sm font-medium">
        {t("filesLabel")}
      </label>
      <input
        ref={inputRef}
        id="bulk-files"
        name="files"
        type="file"
        multiple
        accept=".xml,application/xml,text/xml"
        disabled={busy}
        aria-describedby="bulk-drop-hint bulk-limits"
        onChange={(e) => onChoose(Array.from(e.currentTarget.files ?? []))}
        className="text-sm file:mr-3 file:rounded-md file:border file:border-gray-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-semibold"
      />
      <p id="bulk-limits" className="text-sm text-gray-700">
        {t("limits", { limitMb, maxFiles })}
      </p>
      <p className="text-sm font-medium">{t("chosen", { count })}</p>
    </div>
  );
}
