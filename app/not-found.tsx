import Link from "next/link";

// A path outside any locale (e.g. /xyz): a bilingual 404 page.
export default function GlobalNotFound() {
  return (
    <html lang="en">
      <body className="p-8">
        <main>
          <h1 className="text-2xl font-semibold">Page not found</h1>
          <p lang="fr">Page introuvable</p>
          <p className="mt-4">
            <Link href="/en/requests" prefetch={false}>
              TRMS (English)
            </Link>{" "}
            ·{" "}
            <Link href="/fr/requests" lang="fr" prefetch={false}>
              SGéRN (français)
            </Link>
          </p>
        </main>
      </body>
    </html>
  );
}
