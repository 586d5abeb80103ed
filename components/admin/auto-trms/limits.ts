// Mirror URL_MAX_LENGTH and SECRET_MAX_LENGTH of lib/server/auto-trms/settings-schema.ts (the server checks again).
export const URL_FIELD_MAX_LENGTH = 2000;
export const SECRET_FIELD_MAX_LENGTH = 500;
