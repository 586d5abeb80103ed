export declare const projectRoot: string;
export declare const DEFAULT_DATABASE_URL: string;
export declare function databaseUrl(env?: NodeJS.ProcessEnv): string;
export declare function isPostgres(url?: string): boolean;
export declare function sqlitePath(url?: string): string;
export declare function schemaPath(url?: string): string;
export declare function migrationsPath(url?: string): string;
