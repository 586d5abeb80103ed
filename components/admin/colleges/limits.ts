// Mirrors DELIVERY_URL_MAX_LENGTH of lib/server/colleges/college-schema.ts (the server checks again).
export const DELIVERY_URL_FIELD_MAX_LENGTH = 2000;
