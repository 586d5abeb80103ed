import { getFormatter, getTranslations } from "next-intl/server";
import { Download } from "lucide-react";
import type { RequestDetails } from "@/lib/server/requests/get-request-details";
import { Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";
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
          <Table>
            <TableHead>
              <Th scope="col">{t("fileName")}</Th>
              <Th scope="col">{t("fileKind")}</Th>
              <Th scope="col" numeric>
                {t("fileSize")}
              </Th>
              <Th scope="col">{t("uploadedBy")}</Th>
              <Th scope="col">{t("uploadedAt")}</Th>
            </TableHead>
            <TableBody>
              {files.map((file) => (
                <tr key={file.id}>
                  <Td className="break-all">
                    <a
                      href={`/api/files/${encodeURIComponent(file.id)}`}
                      download
                      className="inline-flex items-center gap-1"
                      aria-label={t("download", { name: file.originalName })}
                    >
                      <Download aria-hidden className="h-4 w-4 shrink-0 no-print" />
                      {file.originalName}
                    </a>
                  </Td>
                  <Td>{file.kind}</Td>
                  <Td numeric>{t("fileSizeKb", { size: Math.max(1, Math.round(file.size / 1024)) })}</Td>
                  <Td>{file.uploadedBy?.displayName ?? none}</Td>
                  <Td className="whitespace-nowrap">
                    <time dateTime={file.createdAt.toISOString()}>{dateTime(format, file.createdAt)}</time>
                  </Td>
                </tr>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </Panel>
  );
}
