// Prisma 6's JS schema engine cannot deserialize PostgreSQL catalog columns of type `name`/"char"
// (prisma/prisma#27403). Inside the Prisma CLI process only, report those columns as text so that
// `migrate deploy`/`status` work through @prisma/adapter-pg. The app's own queries never load this.
import pg from "pg";

const TEXT = 25;
const TEXT_ARRAY = 1009;
const REMAP = new Map([
  [19, TEXT], // name
  [18, TEXT], // "char"
  [1003, TEXT_ARRAY], // name[]
  [1002, TEXT_ARRAY], // "char"[]
]);

const Query = pg.Query;
const original = Query.prototype.handleRowDescription;
if (!original.__trmsPatched) {
  Query.prototype.handleRowDescription = function patched(message) {
    for (const field of message.fields) {
      const mapped = REMAP.get(field.dataTypeID);
      if (mapped) field.dataTypeID = mapped;
    }
    return original.call(this, message);
  };
  Query.prototype.handleRowDescription.__trmsPatched = true;
}
