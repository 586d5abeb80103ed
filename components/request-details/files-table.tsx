import { getFormatter, getTranslations } from "next-intl/server";
import { Download } from "lucide-react";
import type { RequestDetails } from "@/lib/server/requests/get-request-details";
import { dateTime } from "./formatting";
import { Panel } from "./panel";

/** The files uploaded for the request, newest first; each downloads through the scoped /api/files route. */
export async function FilesTable({ files }: { files: RequestDetails["files"] }) {
  const t = await getTranslations("details");
  const none = (await getTranslations("common"))("none");
  const format = await getFormatter();
  return (
    <Panel headingId="files-heading" title={t("files")}>
      {files.length === 0 ? (
        <p className="text-sm text-gray-700">{t("filesEmpty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <thead className="bg-gray-50 text-xs uppercase tracking-wide text-gray-700">
              <tr>
                <th scope="col" className="px-2 py-1.5">{t("fileName")}</th>
                <th scope="col" className="px-2 py-1.5">{t("fileKind")}</th>
                <th scope="col" className="px-2 py-1.5 text-right">{t("fileSize")}</th>
                <th scope="col" className="px-2 py-1.5">{t("uploadedBy")}</th>
                <th scope="col" className="px-2 py-1.5">{t("uploadedAt")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {files.map((file) => (
                <tr key={file.id}>
                  <td className="px-2 py-1.5 break-all">
                    <a href={`/api/files/${encodeURIComponent(file.id)}`} download className="inline-flex items-center gap-1" aria-label={t("download", { name: file.originalName })}>
                      <Download aria-hidden className="h-4 w-4 shrink-0 no-print" />
                      {file.originalName}
                    </a>
                  </td>
                  <td className="px-2 py-1.5">{file.kind}</td>
                  <td className="px-2 py-1.5 text-right">{t("fileSizeKb", { size: Math.max(1, Math.round(file.size / 1024)) })}</td>
                  <td className="px-2 py-1.5">{file.uploadedBy?.displayName ?? none}</td>
                  <td className="px-2 py-1.5 whitespace-nowrap">
                    <time dateTime={file.createdAt.toISOString()}>{dateTime(format, file.createdAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
